import { Severity } from '../finding';
import { eachContainer, ManifestRule, show } from '../rule';

const MODES = ['None', 'HostToContainer', 'Bidirectional'];

/** Mount propagation is a known mode, and Bidirectional only in a privileged container. */
export const mountPropagation: ManifestRule = {
  id: 'mount-propagation',
  description: 'unknown propagation modes, Bidirectional in a container that is not privileged',
  severity: Severity.ERROR,
  source: 'validateMountPropagation',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        const mode = m?.mountPropagation;
        if (mode === undefined || mode === null) return;
        const path = `${c.path}.volumeMounts[${i}].mountPropagation`;
        if (!MODES.includes(mode)) {
          out.push({ path, message: `mount propagation ${show(mode)} is not supported; use one of ${MODES.join(', ')}` });
        } else if (mode === 'Bidirectional' && c.container.securityContext?.privileged !== true) {
          out.push({ path, message: `Bidirectional mount propagation of ${show(m.mountPath)} needs a privileged container, and "${c.container.name}" is not; grant privileged, or use HostToContainer` });
        }
      });
    });
  },
};
