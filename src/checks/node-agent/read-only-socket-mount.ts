import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';
import { acknowledgeHostPath } from './granted';

/**
 * `readOnly` on a socket mount protects nothing: connect() and every request over the socket
 * still work (amir20/dozzle#3088, gliderlabs/registrator#191).
 */
export const readOnlySocketMount: ManifestRule = {
  id: 'read-only-socket-mount',
  description: 'a socket mounted read-only as if that protected anything',
  severity: Severity.WARNING,
  source: 'amir20/dozzle#3088, gliderlabs/registrator#191',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const sockets = new Map<string, string>();
    for (const v of Array.isArray(template.spec.volumes) ? template.spec.volumes : []) {
      const hp = v?.hostPath;
      if (typeof hp?.path === 'string' && (hp.type === 'Socket' || hp.path.endsWith('.sock'))) sockets.set(v.name, hp.path);
    }
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        const socket = sockets.get(m?.name);
        if (socket && m.readOnly === true && !m.subPath) {
          const violation = { path: `${c.path}.volumeMounts[${i}].readOnly`, message: `container "${c.container.name}" mounts the socket ${socket} read-only, which does not limit what it can do over the socket; treat it as full access` };
          out.push(acknowledgeHostPath(obj, violation, socket, c.container.name));
        }
      });
    }
    return out;
  },
};
