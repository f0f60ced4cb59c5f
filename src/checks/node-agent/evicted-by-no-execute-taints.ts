import { Severity } from '../finding';
import { ManifestRule } from '../rule';
import { coverage, keysFor, tolerationsOf, wildcardFor } from './tolerations';

/**
 * Tolerations that leave some NoExecute taints untolerated: a node tainted NoExecute
 * (maintenance, out-of-service, a team's own taint) evicts the agent, and the DaemonSet does
 * not place it there again until the taint goes. The DaemonSet controller only adds NoExecute
 * tolerations for not-ready and unreachable nodes. A toleration with tolerationSeconds evicts
 * too, later.
 */
export const evictedByNoExecuteTaints: ManifestRule = {
  id: 'evicted-by-no-execute-taints',
  description: 'tolerations that leave some NoExecute taints untolerated (only NoSchedule, or only some keys), or tolerate them all for `tolerationSeconds` only: a node tainted NoExecute evicts the agent, and the DaemonSet controller adds NoExecute tolerations only for not-ready and unreachable nodes',
  // Worth knowing rather than a warning: many agents (flannel, the NVIDIA device plugin, the
  // library's CONTROL_PLANE preset) choose which NoExecute taints they survive.
  severity: Severity.INFO,
  source: 'taint-based eviction (pkg/controller/tainteviction); the DaemonSet controller\'s own tolerations (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations); upstream flannel tolerates NoSchedule only',
  kinds: ['DaemonSet'],
  check(obj) {
    const tolerations = tolerationsOf(obj);
    if (!tolerations) return [];
    const wildcard = wildcardFor(tolerations, 'NoExecute');
    const path = 'spec.template.spec.tolerations';
    if (wildcard && wildcard.tolerationSeconds === undefined) return [];
    if (wildcard) {
      return [{ path, message: `every NoExecute taint is tolerated for ${wildcard.tolerationSeconds} s only: after that a node tainted NoExecute evicts the agent; remove tolerationSeconds so that the agent stays on every node` }];
    }
    return [{
      path,
      message: `the tolerations ${coverage('NoExecute', keysFor(tolerations, 'NoExecute'))}: a node tainted NoExecute for anything else evicts the agent, which does not come back until the taint is removed; tolerate every NoExecute taint ({ operator: Exists, effect: NoExecute }), or AgentTolerations.ALL`,
    }];
  },
};
