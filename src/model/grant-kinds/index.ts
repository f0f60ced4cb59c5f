import { Grant, Privilege } from '../grant';
import { GrantKind } from './api';
import { capability } from './capability';
import { hostIpc } from './host-ipc';
import { hostNetwork } from './host-network';
import { hostPath } from './host-path';
import { hostPid } from './host-pid';
import { hostPort } from './host-port';
import { privileged } from './privileged';
import { runAsRoot } from './run-as-root';
import { seLinuxType } from './se-linux-type';
import { unconfinedAppArmor } from './unconfined-app-armor';
import { unconfinedSeccomp } from './unconfined-seccomp';
import { writableRootFilesystem } from './writable-root-filesystem';

/**
 * Every kind of grant, by privilege. The type makes the compiler ask for a module for each
 * `Privilege`; the order is the order in which kinds contribute to a container's securityContext
 * (privileged last: it removes what others added and it makes meaningless).
 */
const KINDS: { readonly [P in Privilege]: GrantKind } = {
  [Privilege.HOST_NETWORK]: hostNetwork,
  [Privilege.HOST_PID]: hostPid,
  [Privilege.HOST_IPC]: hostIpc,
  [Privilege.CAPABILITY]: capability,
  [Privilege.HOST_PATH]: hostPath,
  [Privilege.HOST_PORT]: hostPort,
  [Privilege.RUN_AS_ROOT]: runAsRoot,
  [Privilege.WRITABLE_ROOT_FILESYSTEM]: writableRootFilesystem,
  [Privilege.UNCONFINED_SECCOMP]: unconfinedSeccomp,
  [Privilege.UNCONFINED_APP_ARMOR]: unconfinedAppArmor,
  [Privilege.SE_LINUX_TYPE]: seLinuxType,
  [Privilege.PRIVILEGED]: privileged,
};

/** Every grant kind, in contribution order. */
export const GRANT_KINDS: readonly GrantKind[] = Object.values(KINDS);

for (const [privilege, kind] of Object.entries(KINDS)) {
  if (kind.privilege !== privilege) throw new Error(`grant kind ${kind.privilege} is listed as ${privilege}`);
}

/** The kind of a grant, or undefined for a privilege this version does not know (a hand-written annotation). */
export function grantKind(privilege: string): GrantKind | undefined {
  return (KINDS as Record<string, GrantKind>)[privilege];
}

/** A stable identity for a grant: two grants with the same key are the same grant. */
export function grantKey(grant: Grant): string {
  return [grant.privilege, grant.container ?? '', grantKind(grant.privilege)?.identity(grant) ?? ''].join('|');
}

/** A short human description of what a grant allows, without its reason. */
export function describeGrant(grant: Grant): string {
  return grantKind(grant.privilege)?.describe(grant) ?? String(grant.privilege);
}

/** The report label of a grant: `capability NET_RAW (kindnet-cni)`. */
export function grantLabel(grant: Grant): string {
  const target = grantKind(grant.privilege)?.target(grant);
  return [grant.privilege, target, grant.container ? `(${grant.container})` : undefined].filter(Boolean).join(' ');
}
