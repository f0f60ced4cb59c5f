import { Severity } from '../finding';
import { ManifestRule, show } from '../rule';

const HIGHEST_USER_DEFINABLE = 1_000_000_000;

/** A user-defined priority class has an int32 value of at most 1,000,000,000. */
export const priorityClassValue: ManifestRule = {
  id: 'priority-class-value',
  description: 'a value that is not an int32, or above 1,000,000,000 for a user class',
  severity: Severity.ERROR,
  source: 'ValidatePriorityClass (scheduling/validation), HighestUserDefinablePriority',
  kinds: ['PriorityClass'],
  check(obj) {
    const value = obj.value;
    if (!Number.isInteger(value) || value < -2147483648) {
      return [{ path: 'value', message: `value ${show(value)} is not a 32-bit integer; use an integer up to ${HIGHEST_USER_DEFINABLE}` }];
    }
    if (value > HIGHEST_USER_DEFINABLE && !String(obj.metadata?.name ?? '').startsWith('system-')) {
      return [{ path: 'value', message: `value ${value} is above ${HIGHEST_USER_DEFINABLE}, the maximum for a user-defined priority class; use at most ${HIGHEST_USER_DEFINABLE}, or reference PriorityClass.SYSTEM_NODE_CRITICAL` }];
    }
    return [];
  },
};
