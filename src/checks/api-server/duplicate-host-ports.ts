import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/**
 * No two regular containers bind the same host port, protocol and address; init containers
 * run one at a time, so each is checked alone. With host networking the API server defaults
 * every containerPort to a hostPort when it creates the pods (since 1.28 only on pods, not on
 * templates), so two containers exposing the same containerPort make a DaemonSet that is
 * accepted while every pod it creates is rejected.
 */
export const duplicateHostPorts: ManifestRule = {
  id: 'duplicate-host-ports',
  description: 'the same host port, protocol and address bound twice by regular containers (init containers each alone); with host networking every containerPort counts, which catches the DaemonSet accepted while its pods are rejected',
  severity: Severity.ERROR,
  source: 'AccumulateUniqueHostPorts / checkHostPortConflicts (validateContainers, validateInitContainers); SetDefaults_Pod defaultHostNetworkPorts',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const hostNetwork = template.spec.hostNetwork === true;
    const out: Violation[] = [];
    const regular = new Map<string, string>();
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      if (c.kind === 'ephemeralContainers') continue;
      const seen = c.kind === 'containers' ? regular : new Map<string, string>();
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
        const hostPort = p?.hostPort || (hostNetwork ? p?.containerPort : 0);
        if (!hostPort) return;
        const key = `${p.protocol ?? 'TCP'}/${p.hostIP ?? ''}/${hostPort}`;
        const path = `${c.path}.ports[${i}]`;
        const first = seen.get(key);
        if (first) {
          const why = p?.hostPort ? '' : ' (with host networking every containerPort is a host port)';
          out.push({ path, message: `host port ${hostPort}/${p.protocol ?? 'TCP'} is already bound by ${first}${why}; each host port and protocol can be bound once per pod` });
        } else {
          seen.set(key, path);
        }
      });
    }
    return out;
  },
};
