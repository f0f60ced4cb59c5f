import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, usesUserNamespace, visitContainers, VersionedCheck } from './api';

/** The default /proc mask is required; from 1.35 baseline relaxes it for user-namespace pods. */
export function procMountCheck(minimumVersion: number, relaxForUserNamespaces: boolean, overrides?: string[]): VersionedCheck {
  return {
    minimumVersion,
    overrides,
    check(_metadata, spec) {
      if (relaxForUserNamespaces && usesUserNamespace(spec)) return ALLOWED;
      const bad = visitContainers(spec).filter(c => {
        const mount = c.container.securityContext?.procMount;
        return mount !== undefined && mount !== null && mount !== 'Default';
      });
      if (!bad.length) return ALLOWED;
      return forbidden('procMount', `${containersPhrase(bad.map(c => c.container.name))} must not set securityContext.procMount to ${[...new Set(bad.map(c => `"${c.container.securityContext.procMount}"`))].join(', ')}`,
        bad.map(c => `${c.path}.securityContext.procMount`));
    },
  };
}

export const procMount: PodSecurityCheck = {
  id: 'procMount',
  level: PodSecurityLevel.BASELINE,
  versions: [procMountCheck(0, false), procMountCheck(35, true)],
};
