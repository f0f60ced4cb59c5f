import { Severity } from '../finding';
import { ManifestRule } from '../rule';

/**
 * Tolerating every taint lands a Linux agent on Windows nodes too, unless the pod selects
 * Linux nodes (prometheus-community/helm-charts#86).
 */
export const blanketTolerationWithoutLinux: ManifestRule = {
  id: 'blanket-toleration-without-linux',
  description: '`operator: Exists` without Linux node selection: the agent lands on Windows nodes',
  severity: Severity.WARNING,
  source: 'prometheus-community/helm-charts#86',
  kinds: ['DaemonSet'],
  check(obj) {
    const spec = obj.spec?.template?.spec ?? {};
    const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
    const blanket = tolerations.some((t: any) => t?.operator === 'Exists' && !t.key && !t.effect);
    if (!blanket || selectsLinux(spec)) return [];
    return [{ path: 'spec.template.spec.nodeSelector', message: 'tolerates every taint but does not select Linux nodes, so it also lands on Windows nodes; add nodeSelector kubernetes.io/os: linux' }];
  },
};

function selectsLinux(spec: any): boolean {
  if (spec.nodeSelector?.['kubernetes.io/os'] === 'linux') return true;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return Array.isArray(terms) && terms.length > 0 && terms.every((term: any) => (term?.matchExpressions ?? [])
    .some((e: any) => e?.key === 'kubernetes.io/os' && e.operator === 'In' && Array.isArray(e.values) && e.values.length === 1 && e.values[0] === 'linux'));
}
