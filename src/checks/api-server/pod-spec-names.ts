import { joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { DNS1123_SUBDOMAIN_RULE, isDns1123Subdomain } from '../formats';
import { ManifestRule, show, Violation } from '../rule';

/** priorityClassName and serviceAccountName in a pod spec are DNS-1123 subdomains. */
export const podSpecNames: ManifestRule = {
  id: 'pod-spec-names',
  description: 'priorityClassName and serviceAccountName that are not DNS-1123 subdomains',
  severity: Severity.ERROR,
  source: 'ValidatePodSpec (ValidatePriorityClassName, ValidateServiceAccountName)',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const out: Violation[] = [];
    for (const field of ['priorityClassName', 'serviceAccountName']) {
      const value = template.spec[field];
      if (value !== undefined && value !== '' && !isDns1123Subdomain(value)) {
        out.push({ path: joinPath(template.path, `spec.${field}`), message: `${field} ${show(value)} is not a DNS-1123 subdomain; use ${DNS1123_SUBDOMAIN_RULE}` });
      }
    }
    return out;
  },
};
