import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, visitContainers } from './api';

/** Privileged containers are forbidden: they disable most security mechanisms. */
export const privileged: PodSecurityCheck = {
  id: 'privileged',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(_metadata, spec) {
      const bad = visitContainers(spec).filter(c => c.container.securityContext?.privileged === true);
      if (!bad.length) return ALLOWED;
      return forbidden('privileged', `${containersPhrase(bad.map(c => c.container.name))} must not set securityContext.privileged=true`,
        bad.map(c => `${c.path}.securityContext.privileged`));
    },
  }],
};
