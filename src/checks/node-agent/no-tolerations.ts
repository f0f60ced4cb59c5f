import { Severity } from '../finding';
import { ManifestRule } from '../rule';

/**
 * A DaemonSet with no toleration skips every tainted node: control-plane nodes and any node
 * tainted for a purpose, where its logs, metrics or network are then missing
 * (fluent/helm-charts#180, rancher/rancher#14963).
 */
export const noTolerations: ManifestRule = {
  id: 'no-tolerations',
  description: 'a DaemonSet that tolerates nothing and skips tainted and control-plane nodes',
  severity: Severity.WARNING,
  source: 'fluent/helm-charts#180, gardener/gardener#2638, rancher/rancher#14963',
  kinds: ['DaemonSet'],
  check(obj) {
    const tolerations = obj.spec?.template?.spec?.tolerations;
    if (Array.isArray(tolerations) && tolerations.length > 0) return [];
    return [{ path: 'spec.template.spec.tolerations', message: 'no tolerations: the agent skips control-plane and other tainted nodes; tolerate the taints of the nodes it must run on (operator: Exists for all)' }];
  },
};
