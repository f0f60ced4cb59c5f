import { Severity } from '../finding';
import { DNS1123_LABEL_RULE, isDns1123Label } from '../formats';
import { inPodSpec, ManifestRule, show } from '../rule';

/** A pod's hostname and subdomain are DNS-1123 labels. */
export const podHostname: ManifestRule = {
  id: 'pod-hostname',
  description: 'hostname and subdomain that are not DNS-1123 labels',
  severity: Severity.ERROR,
  source: 'ValidatePodSpec (ValidateDNS1123Label of hostname and subdomain)',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      for (const field of ['hostname', 'subdomain']) {
        const value = spec[field];
        if (value === undefined || value === '' || isDns1123Label(value)) continue;
        out.push({ path: `${path}.${field}`, message: `${field} ${show(value)} is not a DNS-1123 label; use ${DNS1123_LABEL_RULE}` });
      }
    });
  },
};
