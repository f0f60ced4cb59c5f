import { Severity } from '../finding';
import { ManifestRule, show } from '../rule';

/** The `system-` prefix is reserved for the built-in priority classes, which already exist. */
export const priorityClassName: ManifestRule = {
  id: 'priority-class-name',
  description: 'a `system-` name (reserved; the built-ins already exist)',
  severity: Severity.ERROR,
  source: 'ValidatePriorityClass (scheduling/validation), SystemPriorityClassPrefix',
  kinds: ['PriorityClass'],
  check(obj) {
    const name = obj.metadata?.name;
    if (typeof name === 'string' && name.startsWith('system-')) {
      return [{ path: 'metadata.name', message: `name ${show(name)} starts with "system-", which is reserved for the built-in classes; choose another name, or reference PriorityClass.SYSTEM_NODE_CRITICAL / SYSTEM_CLUSTER_CRITICAL instead of defining one` }];
    }
    return [];
  },
};
