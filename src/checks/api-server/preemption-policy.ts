import { Severity } from '../finding';
import { ManifestRule, show } from '../rule';

const POLICIES = ['PreemptLowerPriority', 'Never'];

/** preemptionPolicy, when set, is PreemptLowerPriority or Never. */
export const preemptionPolicy: ManifestRule = {
  id: 'preemption-policy',
  description: 'preemptionPolicy other than PreemptLowerPriority or Never',
  severity: Severity.ERROR,
  source: 'ValidatePreemptionPolicy',
  kinds: ['PriorityClass'],
  check(obj) {
    const policy = obj.preemptionPolicy;
    if (policy === undefined || POLICIES.includes(policy)) return [];
    return [{ path: 'preemptionPolicy', message: `preemptionPolicy ${show(policy)} is not supported; use ${POLICIES.join(' or ')}` }];
  },
};
