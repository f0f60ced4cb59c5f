import { ALLOWED, containersPhrase, forbidden, PodSecurityLevel, PodSecurityCheck, visitContainers } from './api';

/** Host ports are forbidden (unset or 0 pass). */
export const hostPorts: PodSecurityCheck = {
  id: 'hostPorts',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(_metadata, spec) {
      const names: string[] = [];
      const ports: number[] = [];
      const paths: string[] = [];
      for (const c of visitContainers(spec)) {
        let bad = false;
        (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
          if (p?.hostPort) { bad = true; ports.push(p.hostPort); paths.push(`${c.path}.ports[${i}].hostPort`); }
        });
        if (bad) names.push(c.container.name);
      }
      if (!names.length) return ALLOWED;
      return forbidden('hostPort', `${containersPhrase(names)} ${ports.length === 1 ? 'uses hostPort' : 'use hostPorts'} ${ports.join(', ')}`, paths);
    },
  }],
};
