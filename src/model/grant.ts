// This enum is the list of grant kinds: each value's module in `grant-kinds/` is found by its key
// (`SE_LINUX_TYPE` is `se-linux-type.ts`), and the order is the order in which kinds contribute
// to a container's securityContext: privileged last, since it removes what the others add.

/**
 * The kinds of host access a node agent can be granted.
 *
 * Values are the names used in the grants annotation and in `audit` reports.
 */
export enum Privilege {
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
  /** A container without a seccomp filter. */
  UNCONFINED_SECCOMP = 'unconfinedSeccomp',
  /** A container without AppArmor confinement. */
  UNCONFINED_APP_ARMOR = 'unconfinedAppArmor',
  /** A container with an SELinux type other than the container types, such as `spc_t`. */
  SE_LINUX_TYPE = 'seLinuxType',
  /** A privileged container: every capability, every device, no seccomp or AppArmor confinement. */
  PRIVILEGED = 'privileged',
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
   * The SELinux type, for `Privilege.SE_LINUX_TYPE`.
   * @default - not an SELinux grant
   */
  readonly seLinuxType?: string;
  /**
   * Why it was granted.
   * @default - no reason recorded
   */
  readonly reason?: string;
}
