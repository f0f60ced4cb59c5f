import { ALLOWED, forbidden, PodSecurityLevel, PodSecurityCheck } from './api';

/** Sharing the node's network, process or IPC namespace is forbidden. */
export const hostNamespaces: PodSecurityCheck = {
  id: 'hostNamespaces',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(_metadata, spec) {
      const bad = ['hostNetwork', 'hostPID', 'hostIPC'].filter(field => spec[field] === true);
      if (!bad.length) return ALLOWED;
      return forbidden('host namespaces', bad.map(f => `${f}=true`).join(', '), bad.map(f => `spec.${f}`));
    },
  }],
};
