import { Severity } from '../finding';
import { eachContainer, ManifestRule } from '../rule';

/**
 * A container without cpu and memory requests is scheduled as if it needed nothing; on every
 * node at once, for an agent.
 */
export const missingRequests: ManifestRule = {
  id: 'missing-requests',
  description: 'a regular container without cpu or memory requests',
  severity: Severity.WARNING,
  source: 'kube-linter unset-cpu-requirements, Polaris cpuRequestsMissing and memoryRequestsMissing',
  kinds: ['DaemonSet'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      // Init containers run before the agent: their requests rarely decide where it fits.
      if (c.kind !== 'containers') return;
      const requests = c.container.resources?.requests ?? {};
      const missing = ['cpu', 'memory'].filter(r => requests[r] === undefined);
      if (missing.length) {
        out.push({ path: `${c.path}.resources.requests`, message: `container "${c.container.name}" requests no ${missing.join(' or ')}; set requests sized for one node` });
      }
    });
  },
};
