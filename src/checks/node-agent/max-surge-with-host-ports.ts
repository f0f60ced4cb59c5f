import { containersOf, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { intOrPercentValue } from '../formats';
import { ManifestRule } from '../rule';

/**
 * A surge pod is scheduled next to the old one on the same node. With host ports or host
 * networking it can never bind its ports, and the rollout stalls on the first node
 * (kubernetes/kubernetes#106417).
 */
export const maxSurgeWithHostPorts: ManifestRule = {
  id: 'max-surge-with-host-ports',
  description: 'maxSurge with host ports or host networking: the surge pod can never bind next to the old one',
  severity: Severity.ERROR,
  source: 'kubernetes/kubernetes#106417, openkruise/kruise#2361',
  kinds: ['DaemonSet'],
  check(obj) {
    const surge = obj.spec?.updateStrategy?.rollingUpdate?.maxSurge;
    if (!intOrPercentValue(surge) || (obj.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
    const template = podTemplateOf(obj)!;
    const hostPorts = containersOf(template.spec, 'spec.template.spec')
      .some(c => (c.container.ports ?? []).some((p: any) => p?.hostPort));
    const why = template.spec.hostNetwork === true ? 'host networking' : hostPorts ? 'host ports' : undefined;
    if (!why) return [];
    return [{
      path: 'spec.updateStrategy.rollingUpdate.maxSurge',
      message: `maxSurge ${JSON.stringify(surge)} with ${why}: the surge pod cannot bind the node's ports while the old pod runs, so the rollout stalls; use maxUnavailable instead`,
    }];
  },
};
