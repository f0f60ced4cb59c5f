import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { isRuntimeSocket, isSocketPath } from '../../model/sensitive-host-paths';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';
import { acknowledgeHostPath } from './granted';

/**
 * `readOnly` on a socket mount protects nothing: connect() and every request over the socket
 * still work (amir20/dozzle#3088, gliderlabs/registrator#191). The same holds for a runtime's
 * directory mounted to reach the socket inside it.
 */
export const readOnlySocketMount: ManifestRule = {
  id: 'read-only-socket-mount',
  description: 'a socket, or a runtime directory that holds one, mounted read-only as if that protected anything',
  severity: Severity.WARNING,
  source: 'amir20/dozzle#3088, gliderlabs/registrator#191',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const sockets = new Map<string, { path: string; directory: boolean }>();
    for (const v of Array.isArray(template.spec.volumes) ? template.spec.volumes : []) {
      const hp = v?.hostPath;
      if (typeof hp?.path !== 'string') continue;
      if (hp.type === 'Socket' || isSocketPath(hp.path)) sockets.set(v.name, { path: hp.path, directory: false });
      else if (isRuntimeSocket(hp.path)) sockets.set(v.name, { path: hp.path, directory: true });
    }
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        const socket = sockets.get(m?.name);
        if (socket && m.readOnly === true && !m.subPath) {
          const message = socket.directory
            ? `container "${c.container.name}" mounts ${socket.path} read-only, but it holds a container runtime socket and read-only does not limit what the container can do over it; treat it as full access`
            : `container "${c.container.name}" mounts the socket ${socket.path} read-only, which does not limit what it can do over the socket; treat it as full access`;
          out.push(acknowledgeHostPath(obj, { path: `${c.path}.volumeMounts[${i}].readOnly`, message }, socket.path, c.container.name));
        }
      });
    }
    return out;
  },
};
