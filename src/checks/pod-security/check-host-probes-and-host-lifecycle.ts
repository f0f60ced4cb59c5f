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
        // Paths are written only for a handler that sets a host: most pods have none.
        let bad = false;
        const visit = (handler: any, field: string) => {
          for (const kind of ['httpGet', 'tcpSocket']) {
            const host = handler?.[kind]?.host;
            if (typeof host === 'string' && host !== '') { bad = true; paths.push(`${c.path}.${field}.${kind}.host`); }
          }
        };
        for (const p of PROBES) visit(c.container[p], p);
        for (const h of HOOKS) visit(c.container.lifecycle?.[h], `lifecycle.${h}`);
        if (bad) names.push(c.container.name);
      }
      if (!names.length) return ALLOWED;
      return forbidden('probe or lifecycle host', `${containersPhrase(names)} must not set a host in probes or lifecycle handlers`, paths);
    },
  }],
};
