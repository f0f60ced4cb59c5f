import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, usesUserNamespace, visitContainers, VersionedCheck } from './api';

function runAsNonRootCheck(minimumVersion: number, relaxForUserNamespaces: boolean): VersionedCheck {
  return {
    minimumVersion,
    check(_metadata, spec) {
      if (relaxForUserNamespaces && usesUserNamespace(spec)) return ALLOWED;
      const setters: string[] = [];
      const paths: string[] = [];
      const podValue = spec.securityContext?.runAsNonRoot;
      if (podValue === false) { setters.push('pod'); paths.push('spec.securityContext.runAsNonRoot'); }
      const explicit: string[] = [];
      const implicit: string[] = [];
      for (const c of visitContainers(spec)) {
        const value = c.container.securityContext?.runAsNonRoot;
        if (value === false) { explicit.push(c.container.name); paths.push(`${c.path}.securityContext.runAsNonRoot`); }
        if ((value === undefined || value === null) && podValue !== true) { implicit.push(c.container.name); paths.push(`${c.path}.securityContext.runAsNonRoot`); }
      }
      if (explicit.length) setters.push(containersPhrase(explicit));
      if (setters.length) return forbidden('runAsNonRoot != true', `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths);
      if (implicit.length) return forbidden('runAsNonRoot != true', `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`, paths);
      return ALLOWED;
    },
  };
}

/** Containers must be required to run as non-root; from 1.35 user-namespace pods are exempt. */
export const runAsNonRoot: PodSecurityCheck = {
  id: 'runAsNonRoot',
  level: PodSecurityLevel.RESTRICTED,
  versions: [runAsNonRootCheck(0, false), runAsNonRootCheck(35, true)],
};
