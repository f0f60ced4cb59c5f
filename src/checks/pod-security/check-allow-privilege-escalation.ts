import { ALLOWED, containersPhrase, forbidden, isWindowsPod, PodSecurityLevel, PodSecurityCheck, visitContainers, VersionedCheck } from './api';

function apeCheck(minimumVersion: number, skipWindows: boolean): VersionedCheck {
  return {
    minimumVersion,
    check(_metadata, spec) {
      if (skipWindows && isWindowsPod(spec)) return ALLOWED;
      const bad = visitContainers(spec).filter(c => c.container.securityContext?.allowPrivilegeEscalation !== false);
      if (!bad.length) return ALLOWED;
      return forbidden('allowPrivilegeEscalation != false', `${containersPhrase(bad.map(c => c.container.name))} must set securityContext.allowPrivilegeEscalation=false`,
        bad.map(c => `${c.path}.securityContext.allowPrivilegeEscalation`));
    },
  };
}

/** Privilege escalation (setuid binaries, file capabilities) must be explicitly disabled. */
export const allowPrivilegeEscalation: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  level: PodSecurityLevel.RESTRICTED,
  versions: [apeCheck(8, false), apeCheck(25, true)],
};
