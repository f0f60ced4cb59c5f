import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/**
 * Capabilities added to a container that runs as a non-root user do nothing: without ambient
 * capabilities the process never holds them (prometheus/node_exporter#1934: SYS_TIME as 65534).
 */
export const capabilitiesWithoutRoot: ManifestRule = {
  id: 'capabilities-without-root',
  description: 'capabilities added to a container that runs as a non-root user (never held)',
  severity: Severity.WARNING,
  source: 'prometheus/node_exporter#1934, #835, #1001',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const pod = template.spec.securityContext ?? {};
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      const sc = c.container.securityContext ?? {};
      const add = (Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
      if (!add.length || sc.privileged === true) continue;
      const user = sc.runAsUser ?? pod.runAsUser;
      const nonRoot = (user !== undefined && user !== 0) || (user === undefined && (sc.runAsNonRoot ?? pod.runAsNonRoot) === true);
      if (!nonRoot) continue;
      out.push({
        path: `${c.path}.securityContext.capabilities.add`,
        message: `container "${c.container.name}" adds ${add.join(', ')} but runs as ${user !== undefined ? `user ${user}` : 'a non-root user'}, so it never holds them; run it as root or give the binary file capabilities`,
      });
    }
    return out;
  },
};
