import { Severity } from '../finding';
import { DNS1123_SUBDOMAIN_RULE, isDns1123Subdomain, isLegacyIp } from '../formats';
import { inPodSpec, ManifestRule, show } from '../rule';

const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;

/**
 * dnsConfig: nameservers are IP addresses; at most 32 search domains, 2048 characters joined
 * with spaces, each a DNS-1123 subdomain once one trailing dot is trimmed; options have names.
 * (The number of nameservers is dns-policy's.)
 */
export const dnsConfig: ManifestRule = {
  id: 'dns-config',
  description: 'nameservers that are not IP addresses; more than 32 search domains or 2048 characters of them; search domains that are not DNS-1123 subdomains (one trailing dot allowed); options without a name',
  severity: Severity.ERROR,
  source: 'validatePodDNSConfig (IsValidIP, MaxDNSSearchPaths, MaxDNSSearchListChars, IsDNS1123Subdomain)',
  kinds: ['*'],
  check(obj) {
    return inPodSpec(obj, (spec, path, out) => {
      const config = spec.dnsConfig;
      if (!config || typeof config !== 'object') return;
      const at = `${path}.dnsConfig`;
      (Array.isArray(config.nameservers) ? config.nameservers : []).forEach((ns: unknown, i: number) => {
        if (!isLegacyIp(ns)) out.push({ path: `${at}.nameservers[${i}]`, message: `nameserver ${show(ns)} is not an IP address; use the IPv4 or IPv6 address of a DNS server` });
      });
      const searches: unknown[] = Array.isArray(config.searches) ? config.searches : [];
      if (searches.length > MAX_SEARCHES) {
        out.push({ path: `${at}.searches`, message: `${searches.length} search domains given; at most ${MAX_SEARCHES} are allowed` });
      }
      const joined = searches.map(String).join(' ').length;
      if (joined > MAX_SEARCH_CHARS) {
        out.push({ path: `${at}.searches`, message: `the search domains are ${joined} characters joined with spaces; at most ${MAX_SEARCH_CHARS} are allowed` });
      }
      searches.forEach((search, i) => {
        if (typeof search === 'string' && isDns1123Subdomain(search.replace(/\.$/, ''))) return;
        out.push({ path: `${at}.searches[${i}]`, message: `search domain ${show(search)} is not a DNS-1123 subdomain; use ${DNS1123_SUBDOMAIN_RULE} (one trailing dot is allowed)` });
      });
      (Array.isArray(config.options) ? config.options : []).forEach((option: any, i: number) => {
        if (typeof option?.name === 'string' && option.name !== '') return;
        out.push({ path: `${at}.options[${i}].name`, message: `DNS option ${show(option)} has no name; give each option a name, such as ndots` });
      });
    });
  },
};
