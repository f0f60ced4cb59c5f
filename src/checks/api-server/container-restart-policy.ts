import { Severity } from '../finding';
import { eachContainer, ManifestRule, show } from '../rule';

/** Fields an init container may set only as a sidecar, which keeps running beside the containers. */
const SIDECAR_ONLY = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

/**
 * A container's own restartPolicy is for init containers only, and only `Always`, which makes the
 * init container a sidecar; lifecycle handlers and probes of an init container need it, since an
 * init container that runs to completion has nothing to probe or stop.
 */
export const containerRestartPolicy: ManifestRule = {
  id: 'container-restart-policy',
  description: 'restartPolicy on a container, or other than Always on an init container; lifecycle or probes on an init container that is not a sidecar (restartPolicy Always)',
  severity: Severity.ERROR,
  source: 'validateInitContainers, validateContainers',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const policy = c.container.restartPolicy;
      if (c.kind !== 'initContainers') {
        if (policy !== undefined) {
          out.push({ path: `${c.path}.restartPolicy`, message: `restartPolicy ${show(policy)} may not be set on a container, only on an init container (Always, for a sidecar)` });
        }
        return;
      }
      if (policy !== undefined && policy !== 'Always') {
        out.push({ path: `${c.path}.restartPolicy`, message: `restartPolicy ${show(policy)} is not supported on an init container; use Always for a sidecar, or leave it unset` });
      }
      if (policy === 'Always') return;
      for (const field of SIDECAR_ONLY) {
        if (c.container[field] === undefined || c.container[field] === null) continue;
        out.push({ path: `${c.path}.${field}`, message: `${field} may not be set on an init container without restartPolicy Always; make it a sidecar, or remove the ${field}` });
      }
    });
  },
};
