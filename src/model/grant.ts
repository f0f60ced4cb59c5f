/**
 * The kinds of host access a node agent can be granted.
 *
 * Values are the names used in the grants annotation and in `audit` reports.
 */
export enum Privilege {
  /** A privileged container: every capability, every device, no seccomp or AppArmor confinement. */
  PRIVILEGED = 'privileged',
  /** One Linux capability added to a container. */
  CAPABILITY = 'capability',
  /** The node's network namespace. */
  HOST_NETWORK = 'hostNetwork',
  /** The node's process namespace. */
  HOST_PID = 'hostPID',
  /** The node's IPC namespace. */
  HOST_IPC = 'hostIPC',
  /** A hostPath volume mounted into a container. */
  HOST_PATH = 'hostPath',
  /** A port bound on the node's addresses. */
  HOST_PORT = 'hostPort',
  /** A container allowed to run as user 0. */
  RUN_AS_ROOT = 'runAsRoot',
  /** A container whose root filesystem is writable. */
  WRITABLE_ROOT_FILESYSTEM = 'writableRootFilesystem',
  /** A container with relaxed kernel confinement: AppArmor unconfined, an SELinux type, or seccomp unconfined. */
  UNCONFINED = 'unconfined',
}

/**
 * Options common to every grant.
 */
export interface GrantOptions {
  /**
   * Why the agent needs this access, in a sentence a security reviewer can check.
   * Recorded with the grant in the manifest and in reports.
   *
   * @default - no reason recorded (an error in strict mode)
   */
  readonly reason?: string;
}

/**
 * One piece of host access granted to a node agent, with its reason.
 */
export interface Grant {
  /** What is granted. */
  readonly privilege: Privilege;
  /**
   * The container it applies to.
   * @default - the whole pod (host namespaces)
   */
  readonly container?: string;
  /**
   * The capability, for `Privilege.CAPABILITY`.
   * @default - not a capability grant
   */
  readonly capability?: string;
  /**
   * The normalised host path, for `Privilege.HOST_PATH`.
   * @default - not a host path grant
   */
  readonly path?: string;
  /**
   * Whether the host path is mounted writable, for `Privilege.HOST_PATH`.
   * @default - not a host path grant
   */
  readonly writable?: boolean;
  /**
   * The host port, for `Privilege.HOST_PORT`.
   * @default - not a host port grant
   */
  readonly port?: number;
  /**
   * The protocol of the host port, for `Privilege.HOST_PORT`.
   * @default - not a host port grant
   */
  readonly protocol?: string;
  /**
   * The confinement relaxed, for `Privilege.UNCONFINED`: `appArmor=Unconfined`,
   * `seLinuxType=<type>` or `seccomp=Unconfined`.
   * @default - not an unconfined grant
   */
  readonly profile?: string;
  /**
   * Why it was granted.
   * @default - no reason recorded
   */
  readonly reason?: string;
}

/** A stable identity for a grant: two grants with the same key are the same grant. */
export function grantKey(grant: Grant): string {
  return [grant.privilege, grant.container ?? '', grant.capability ?? '', grant.path ?? '',
    grant.writable ? 'rw' : '', grant.port ?? '', grant.protocol ?? '', grant.profile ?? ''].join('|');
}

/** A short human description of what a grant allows, without its reason. */
export function describeGrant(grant: Grant): string {
  switch (grant.privilege) {
    case Privilege.CAPABILITY: return `capability ${grant.capability}`;
    case Privilege.HOST_PATH: return `hostPath ${grant.path} (${grant.writable ? 'read-write' : 'read-only'})`;
    case Privilege.HOST_PORT: return `hostPort ${grant.port}/${grant.protocol}`;
    case Privilege.UNCONFINED: return `unconfined ${grant.profile}`;
    default: return grant.privilege;
  }
}
