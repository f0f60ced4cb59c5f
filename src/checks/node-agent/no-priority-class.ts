import { Severity } from '../finding';
import { ManifestRule } from '../rule';

/**
 * Without a priority class, a node agent is evicted like any pod when the node runs short,
 * and cannot preempt others to start on a full node.
 */
export const noPriorityClass: ManifestRule = {
  id: 'no-priority-class',
  description: 'a DaemonSet without a priority class',
  severity: Severity.WARNING,
  source: 'Kubernetes docs, Guaranteed Scheduling For Critical Add-On Pods; kube-linter priority-class-name, Polaris priorityClassNotSet',
  kinds: ['DaemonSet'],
  check(obj) {
    if (obj.spec?.template?.spec?.priorityClassName) return [];
    return [{ path: 'spec.template.spec.priorityClassName', message: 'no priority class: the agent is evicted like any pod and cannot preempt others on a full node; use system-node-critical or a class of your own' }];
  },
};
