import { Severity } from '../finding';
import { isLabelValue, isQualifiedName, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from '../formats';
import { inPodSpec, ManifestRule, show } from '../rule';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * Each toleration: a label key (or none, with operator Exists); operator Exists or Equal;
 * no value with Exists, a label value with Equal; a known effect; tolerationSeconds only
 * with NoExecute.
 */
export const tolerationFields: ManifestRule = {
  id: 'toleration-fields',
  description: 'toleration keys that are not label keys; operators other than Exists and Equal; a value with Exists, a value that is not a label value with Equal, Equal without a key; unknown effects; tolerationSeconds without effect NoExecute',
  severity: Severity.ERROR,
  source: 'ValidateTolerations',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      (Array.isArray(spec.tolerations) ? spec.tolerations : []).forEach((t: any, i: number) => {
        const at = `${path}.tolerations[${i}]`;
        const operator = t?.operator ?? 'Equal';
        if (t?.key !== undefined && t.key !== '' && !isQualifiedName(t.key)) {
          out.push({ path: `${at}.key`, message: `toleration key ${show(t.key)} is not a label key; use ${QUALIFIED_NAME_RULE}` });
        }
        if (operator !== 'Exists' && operator !== 'Equal') {
          out.push({ path: `${at}.operator`, message: `toleration operator ${show(operator)} is not supported; use Exists or Equal` });
        } else if (operator === 'Exists' && t.value !== undefined && t.value !== '') {
          out.push({ path: `${at}.value`, message: `toleration value ${show(t.value)} is set with operator Exists; remove it, or use operator Equal` });
        } else if (operator === 'Equal' && (t?.key === undefined || t.key === '')) {
          out.push({ path: `${at}.operator`, message: 'a toleration without a key must use operator Exists (it then matches every taint)' });
        } else if (operator === 'Equal' && !isLabelValue(t.value ?? '')) {
          out.push({ path: `${at}.value`, message: `toleration value ${show(t.value)} is not a label value; use ${LABEL_VALUE_RULE}` });
        }
        if (t?.effect !== undefined && t.effect !== '' && !EFFECTS.includes(t.effect)) {
          out.push({ path: `${at}.effect`, message: `toleration effect ${show(t.effect)} is not supported; use one of ${EFFECTS.join(', ')}, or none for all` });
        }
        if (t?.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
          out.push({ path: `${at}.tolerationSeconds`, message: `tolerationSeconds is set with effect ${show(t.effect ?? '')}; it applies to NoExecute taints only: set effect NoExecute, or remove it` });
        }
      });
    });
  },
};
