import { Severity } from '../finding';
import { inPodSpec, ManifestRule } from '../rule';

/**
 * Host namespaces exclude two pod settings: a shared process namespace with hostPID, and
 * user namespaces (`hostUsers: false`) with any host namespace.
 */
export const hostNamespaceConflicts: ManifestRule = {
  id: 'host-namespace-conflicts',
  description: 'shareProcessNamespace with hostPID; `hostUsers: false` with any host namespace',
  severity: Severity.ERROR,
  source: 'validatePodSpecSecurityContext (shareProcessNamespace), validateHostUsers',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      if (spec.shareProcessNamespace === true && spec.hostPID === true) {
        out.push({ path: `${path}.shareProcessNamespace`, message: 'shareProcessNamespace and hostPID cannot both be enabled; with hostPID the containers already see every process of the node' });
      }
      if (spec.hostUsers === false) {
        for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) {
          if (spec[ns] === true) out.push({ path: `${path}.hostUsers`, message: `hostUsers: false cannot be combined with ${ns}: true; remove hostUsers or the host namespace` });
        }
      }
    });
  },
};
