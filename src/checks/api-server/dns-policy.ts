import { Severity } from '../finding';
import { inPodSpec, ManifestRule, show } from '../rule';

const POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** dnsPolicy is a known value, and `None` comes with at least one nameserver (at most three). */
export const dnsPolicy: ManifestRule = {
  id: 'dns-policy',
  description: 'unknown dnsPolicy, `None` without a nameserver, more than 3 nameservers',
  severity: Severity.ERROR,
  source: 'validateDNSPolicy, validatePodDNSConfig',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      if (spec.dnsPolicy !== undefined && !POLICIES.includes(spec.dnsPolicy)) {
        out.push({ path: `${path}.dnsPolicy`, message: `dnsPolicy ${show(spec.dnsPolicy)} is not supported; use one of ${POLICIES.join(', ')}` });
      }
      const nameservers = spec.dnsConfig?.nameservers;
      if (spec.dnsPolicy === 'None' && (!Array.isArray(nameservers) || nameservers.length === 0)) {
        out.push({ path: `${path}.dnsConfig.nameservers`, message: 'dnsPolicy None needs dnsConfig with at least one nameserver' });
      }
      if (Array.isArray(nameservers) && nameservers.length > 3) {
        out.push({ path: `${path}.dnsConfig.nameservers`, message: `${nameservers.length} nameservers given; at most 3 are allowed` });
      }
    });
  },
};
