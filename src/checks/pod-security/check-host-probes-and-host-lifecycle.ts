import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, visitContainers } from './api';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];

/** Probes and lifecycle hooks may not target another host (even 127.0.0.1), from 1.34. */
export const hostProbesAndHostLifecycle: PodSecurityCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 34,
    check(_metadata, spec) {
      const names: string[] = [];
      const paths: string[] = [];
      for (const c of visitContainers(spec)) {
        const handlers: Array<[string, any]> = [
          ...PROBES.map(p => [`${c.path}.${p}`, c.container[p]] as [string, any]),
          ...HOOKS.map(h => [`${c.path}.lifecycle.${h}`, c.container.lifecycle?.[h]] as [string, any]),
        ];
        let bad = false;
        for (const [path, handler] of handlers) {
          for (const kind of ['httpGet', 'tcpSocket']) {
            const host = handler?.[kind]?.host;
            if (typeof host === 'string' && host !== '') { bad = true; paths.push(`${path}.${kind}.host`); }
          }
        }
        if (bad) names.push(c.container.name);
      }
      if (!names.length) return ALLOWED;
      return forbidden('probe or lifecycle host', `${containersPhrase(names)} must not set a host in probes or lifecycle handlers`, paths);
    },
  }],
};
