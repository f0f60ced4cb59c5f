import * as kplus from 'cdk8s-plus-28';
import { Grant, Privilege } from '../../model/grant';
import { GRANT_KINDS } from '../../model/grant-kinds';
import { SecurityContextDraft } from '../../model/grant-kinds/api';

/**
 * Derives a container's securityContext from its grants, then lays the fields the user set
 * explicitly on top: a default never overwrites what the user wrote.
 *
 * It starts from the hardened context Pod Security `restricted` admits, and each grant kind
 * changes what it needs (`model/grant-kinds/`): capabilities added and root allowed, a writable
 * root filesystem, seccomp or SELinux relaxed; privileged last, which removes what means nothing
 * on a privileged container (and `allowPrivilegeEscalation: false`, which the API server rejects
 * next to it).
 */
export function containerSecurityContext(grants: Grant[], user: kplus.ContainerSecurityContextProps = {}): kplus.k8s.SecurityContext {
  const draft: SecurityContextDraft = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  for (const kind of GRANT_KINDS) {
    for (const grant of grants) if (grant.privilege === kind.privilege) kind.securityContext?.(grant, draft);
  }
  const granted = grants.filter(g => g.privilege === Privilege.CAPABILITY).map(g => g.capability!);
  const userCaps = user.capabilities;
  // What the grants derived, with each field the user set written over it.
  return dropUndefined({
    ...draft,
    privileged: user.privileged ?? draft.privileged,
    allowPrivilegeEscalation: user.allowPrivilegeEscalation ?? draft.allowPrivilegeEscalation,
    capabilities: userCaps
      ? dropUndefined({ add: granted.length ? granted : undefined, drop: userCaps.drop?.map(String) ?? draft.capabilities?.drop })
      : draft.capabilities,
    readOnlyRootFilesystem: user.readOnlyRootFilesystem ?? draft.readOnlyRootFilesystem,
    runAsNonRoot: user.ensureNonRoot ?? draft.runAsNonRoot,
    runAsUser: user.user ?? draft.runAsUser,
    runAsGroup: user.group ?? draft.runAsGroup,
    seccompProfile: user.seccompProfile
      ? dropUndefined({ type: user.seccompProfile.type, localhostProfile: user.seccompProfile.localhostProfile })
      : draft.seccompProfile,
  });
}

/**
 * Whether a container with these grants and settings may run as user 0: its derived context does
 * not insist on a non-root user (a grant kind that needs root lifts `runAsNonRoot`), and no other
 * user is set.
 */
export function runsAsRoot(grants: Grant[], user: kplus.ContainerSecurityContextProps = {}): boolean {
  if (user.user !== undefined && user.user !== 0) return false;
  return containerSecurityContext(grants, user).runAsNonRoot !== true;
}

/** Removes keys whose value is undefined. */
export function dropUndefined<T extends object>(obj: T): T {
  const out: any = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out;
}
