import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, visitContainers } from './api';

/** Windows HostProcess containers (privileged access to the Windows node) are forbidden. */
export const windowsHostProcess: PodSecurityCheck = {
  id: 'windowsHostProcess',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(_metadata, spec) {
      const setters: string[] = [];
      const paths: string[] = [];
      if (spec.securityContext?.windowsOptions?.hostProcess === true) {
        setters.push('pod');
        paths.push('spec.securityContext.windowsOptions.hostProcess');
      }
      const bad = visitContainers(spec).filter(c => c.container.securityContext?.windowsOptions?.hostProcess === true);
      if (bad.length) setters.push(containersPhrase(bad.map(c => c.container.name)));
      paths.push(...bad.map(c => `${c.path}.securityContext.windowsOptions.hostProcess`));
      if (!setters.length) return ALLOWED;
      return forbidden('hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths);
    },
  }],
};
