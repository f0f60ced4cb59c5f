import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, usesUserNamespace, visitContainers, VersionedCheck } from './api';

function runAsUserCheck(minimumVersion: number, relaxForUserNamespaces: boolean): VersionedCheck {
  return {
    minimumVersion,
    check(_metadata, spec) {
      if (relaxForUserNamespaces && usesUserNamespace(spec)) return ALLOWED;
      const setters: string[] = [];
      const paths: string[] = [];
      if (spec.securityContext?.runAsUser === 0) { setters.push('pod'); paths.push('spec.securityContext.runAsUser'); }
      const bad = visitContainers(spec).filter(c => c.container.securityContext?.runAsUser === 0);
      if (bad.length) setters.push(containersPhrase(bad.map(c => c.container.name)));
      paths.push(...bad.map(c => `${c.path}.securityContext.runAsUser`));
      if (!setters.length) return ALLOWED;
      return forbidden('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`, paths);
    },
  };
}

/** Running as user 0 is forbidden; from 1.35 user-namespace pods are exempt. */
export const runAsUser: PodSecurityCheck = {
  id: 'runAsUser',
  level: PodSecurityLevel.RESTRICTED,
  versions: [runAsUserCheck(23, false), runAsUserCheck(35, true)],
};
