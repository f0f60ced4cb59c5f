import { Severity } from '../finding';
import { isLabelValue, isQualifiedName, LABEL_VALUE_RULE, QUALIFIED_NAME_RULE } from '../formats';
import { inPodSpec, ManifestRule, show } from '../rule';

/** nodeSelector keys and values follow the label rules. */
export const nodeSelector: ManifestRule = {
  id: 'node-selector',
  description: 'nodeSelector keys that are not label keys, values that are not label values',
  severity: Severity.ERROR,
  source: 'ValidatePodSpec (ValidateLabels: IsQualifiedName, IsValidLabelValue)',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      const selector = spec.nodeSelector;
      if (!selector || typeof selector !== 'object') return;
      for (const [key, value] of Object.entries(selector)) {
        const at = `${path}.nodeSelector[${show(key)}]`;
        if (!isQualifiedName(key)) out.push({ path: at, message: `node label key ${show(key)} is not a label key; use ${QUALIFIED_NAME_RULE}` });
        else if (!isLabelValue(value)) out.push({ path: at, message: `node label value ${show(value)} of ${show(key)} is not a label value; use ${LABEL_VALUE_RULE}` });
      }
    });
  },
};
