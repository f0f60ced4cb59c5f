import { Severity } from '../finding';
import { DNS1123_SUBDOMAIN_RULE, isDns1123Subdomain, isLegacyIp } from '../formats';
import { inPodSpec, ManifestRule, show } from '../rule';

/** Each host alias has an IP address and hostnames that are DNS-1123 subdomains (no trailing dot). */
export const hostAliases: ManifestRule = {
  id: 'host-aliases',
  description: 'host alias IPs that are not IP addresses (IPv4 with leading zeros accepted, as the legacy parser does; no IPv6 zones), hostnames that are not DNS-1123 subdomains (a trailing dot included)',
  severity: Severity.ERROR,
  source: 'ValidateHostAliases (IsValidIPForLegacyField, ValidateDNS1123Subdomain)',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      (Array.isArray(spec.hostAliases) ? spec.hostAliases : []).forEach((alias: any, i: number) => {
        const at = `${path}.hostAliases[${i}]`;
        if (!isLegacyIp(alias?.ip)) {
          out.push({ path: `${at}.ip`, message: `ip ${show(alias?.ip)} is not an IP address; use an IPv4 or IPv6 address` });
        }
        (Array.isArray(alias?.hostnames) ? alias.hostnames : []).forEach((hostname: unknown, j: number) => {
          if (isDns1123Subdomain(hostname)) return;
          out.push({ path: `${at}.hostnames[${j}]`, message: `hostname ${show(hostname)} is not a DNS-1123 subdomain; use ${DNS1123_SUBDOMAIN_RULE}, without a trailing dot` });
        });
      });
    });
  },
};
