import { Severity } from '../finding';
import { ManifestRule } from '../rule';

/** A DaemonSet's selector is non-empty and matches its template's labels. */
export const daemonSetSelector: ManifestRule = {
  id: 'daemon-set-selector',
  description: 'an empty selector, or one that does not match the template labels',
  severity: Severity.ERROR,
  source: 'ValidateDaemonSetSpec (apps/validation)',
  kinds: ['DaemonSet'],
  check(obj) {
    const selector = obj.spec?.selector;
    const labels: Record<string, string> = obj.spec?.template?.metadata?.labels ?? {};
    const matchLabels: Record<string, string> = selector?.matchLabels ?? {};
    const expressions: any[] = selector?.matchExpressions ?? [];
    if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
      return [{ path: 'spec.selector', message: 'the selector is empty; a DaemonSet needs a selector that matches its template labels' }];
    }
    const mismatched = Object.entries(matchLabels).filter(([k, v]) => labels[k] !== v).map(([k, v]) => `${k}=${v}`);
    const failing = expressions.filter(e => !matchesExpression(e, labels)).map(e => `${e.key} ${e.operator} ${JSON.stringify(e.values ?? [])}`);
    const bad = [...mismatched, ...failing];
    if (bad.length === 0) return [];
    return [{ path: 'spec.selector', message: `the selector does not match the template labels (${bad.join(', ')}); add those labels to the pod template` }];
  },
};

function matchesExpression(e: any, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, e.key);
  switch (e.operator) {
    case 'In': return has && (e.values ?? []).includes(labels[e.key]);
    case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    default: return false;
  }
}
