import { Severity } from '../finding';
import { ManifestRule } from '../rule';
import { coverage, keysFor, tolerationsOf, wildcardFor } from './tolerations';

/**
 * Tolerations that name the NoSchedule taints they accept: the agent is not scheduled on
 * nodes tainted for anything else, where its logs, metrics or network are then missing.
 * Often deliberate (GPU nodes), hence info.
 */
export const skipsNoScheduleTaints: ManifestRule = {
  id: 'skips-no-schedule-taints',
  description: 'tolerations that accept only some NoSchedule taints (by key): nodes tainted for anything else run without the agent (often deliberate, e.g. GPU nodes)',
  severity: Severity.INFO,
  source: 'fluent/helm-charts#180, rancher/rancher#14963 (agents missing from tainted nodes)',
  kinds: ['DaemonSet'],
  check(obj) {
    const tolerations = tolerationsOf(obj);
    if (!tolerations || wildcardFor(tolerations, 'NoSchedule')) return [];
    return [{
      path: 'spec.template.spec.tolerations',
      message: `the tolerations ${coverage('NoSchedule', keysFor(tolerations, 'NoSchedule'))}: nodes tainted NoSchedule for anything else run without the agent; tolerate every NoSchedule taint ({ operator: Exists, effect: NoSchedule }) if the agent belongs on every node`,
    }];
  },
};
