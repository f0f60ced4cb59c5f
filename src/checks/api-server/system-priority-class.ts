import { joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, show } from '../rule';

const BUILT_IN = ['system-node-critical', 'system-cluster-critical'];

/**
 * A pod naming a `system-` class other than the two built-ins can never be admitted: the
 * Priority admission plugin rejects a class that does not exist, and no other `system-` class
 * can be created.
 */
export const systemPriorityClass: ManifestRule = {
  id: 'system-priority-class',
  description: 'a pod priorityClassName starting with `system-` other than `system-node-critical` and `system-cluster-critical`: no such class can exist, so every pod is rejected',
  severity: Severity.ERROR,
  source: 'Priority admission (plugin/pkg/admission/priority/admission.go); ValidatePriorityClass reserves SystemPriorityClassPrefix',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    const name = template?.spec?.priorityClassName;
    if (typeof name !== 'string' || !name.startsWith('system-') || BUILT_IN.includes(name)) return [];
    return [{
      path: joinPath(template!.path, 'spec.priorityClassName'),
      message: `priorityClassName ${show(name)} starts with "system-" but is neither ${BUILT_IN.join(' nor ')}; no such class can exist (the prefix is reserved), so every pod would be rejected; use PriorityClass.SYSTEM_NODE_CRITICAL, SYSTEM_CLUSTER_CRITICAL or a class of your own`,
    }];
  },
};
