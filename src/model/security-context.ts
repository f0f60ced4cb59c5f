import * as kplus from 'cdk8s-plus-28';
import { Grant, Privilege } from './grant';

/**
 * Derives a container's securityContext from its grants, then lays the fields the
 * user set explicitly on top: a default never overwrites what the user wrote.
 *
 * - no grants: the hardened context Pod Security `restricted` admits;
 * - privileged: no `allowPrivilegeEscalation: false` (the API server rejects the pair), and no
 *   seccomp or capability settings (they have no effect on a privileged container);
 * - capabilities: drop ALL, add exactly the granted ones; root, since capabilities do nothing
 *   for a non-root user without ambient capabilities;
 * - SYS_ADMIN: no `allowPrivilegeEscalation: false` (meaningless with SYS_ADMIN).
 */
export function containerSecurityContext(grants: Grant[], user: kplus.ContainerSecurityContextProps = {}): kplus.k8s.SecurityContext {
  const privileged = grants.some(g => g.privilege === Privilege.PRIVILEGED);
  const capabilities = grants.filter(g => g.privilege === Privilege.CAPABILITY).map(g => g.capability!);
  const root = grantsRoot(grants);
  const writableRoot = grants.some(g => g.privilege === Privilege.WRITABLE_ROOT_FILESYSTEM);
  const escalates = privileged || capabilities.includes('SYS_ADMIN');

  const unconfined = grants.filter(g => g.privilege === Privilege.UNCONFINED).map(g => g.profile!);
  const seLinuxType = unconfined.find(p => p.startsWith('seLinuxType='))?.slice('seLinuxType='.length);
  const seccompUnconfined = unconfined.includes('seccomp=Unconfined');
  const userCaps = user.capabilities;
  const drop = userCaps?.drop?.map(String) ?? (privileged ? undefined : ['ALL']);
  return dropUndefined({
    privileged: user.privileged ?? (privileged ? true : undefined),
    allowPrivilegeEscalation: user.allowPrivilegeEscalation ?? (escalates ? undefined : false),
    capabilities: privileged && !userCaps ? undefined : dropUndefined({
      add: capabilities.length ? capabilities : undefined,
      drop,
    }),
    readOnlyRootFilesystem: user.readOnlyRootFilesystem ?? !writableRoot,
    runAsNonRoot: user.ensureNonRoot ?? (root ? undefined : true),
    runAsUser: user.user,
    runAsGroup: user.group,
    seccompProfile: user.seccompProfile
      ? dropUndefined({ type: user.seccompProfile.type, localhostProfile: user.seccompProfile.localhostProfile })
      : (privileged ? undefined : { type: seccompUnconfined ? 'Unconfined' : 'RuntimeDefault' }),
    seLinuxOptions: seLinuxType ? { type: seLinuxType, level: 's0' } : undefined,
  });
}

/** Whether a container with these grants and settings may run as user 0. */
export function runsAsRoot(grants: Grant[], user: kplus.ContainerSecurityContextProps = {}): boolean {
  if (user.ensureNonRoot === true || (user.user !== undefined && user.user !== 0)) return false;
  return user.ensureNonRoot === false || user.user === 0
    || grantsRoot(grants);
}

/** Privileged, capability and root grants each let a container run as user 0. */
function grantsRoot(grants: Grant[]): boolean {
  return grants.some(g => g.privilege === Privilege.PRIVILEGED || g.privilege === Privilege.CAPABILITY || g.privilege === Privilege.RUN_AS_ROOT);
}

/** Removes keys whose value is undefined; returns undefined for an object left empty. */
export function dropUndefined<T extends object>(obj: T): T {
  const out: any = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
