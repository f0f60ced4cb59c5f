import * as kplus from 'cdk8s-plus-28';

/** cdk8s-plus-28 refuses more search domains than this (the API server accepts 32). */
const CDK8S_PLUS_MAX_SEARCHES = 6;

/**
 * What cdk8s-plus would throw on while rendering a pod, in the library's terms (field, value,
 * what is accepted), or undefined. Containers and nameservers can be added after construction
 * (`addContainer()`, `agent.dns.addNameserver()`), so this is asked at render time.
 */
export function podRenderProblem(containers: readonly kplus.Container[], dns: kplus.PodDns): string | undefined {
  if (containers.length === 0) {
    return 'containers: the agent has no container; give it one with containers: [...] or addContainer()';
  }
  if (dns.policy === kplus.DnsPolicy.NONE && dns.nameservers.length === 0) {
    return 'dns.nameservers: dns.policy "None" needs at least one nameserver, and none is given; add one (dns: { nameservers: [...] } or agent.dns.addNameserver()) or choose another policy';
  }
  if (dns.nameservers.length > 3) {
    return `dns.nameservers: ${dns.nameservers.length} nameservers given (${dns.nameservers.join(', ')}); a pod accepts at most 3`;
  }
  if (dns.searches.length > CDK8S_PLUS_MAX_SEARCHES) {
    return `dns.searches: ${dns.searches.length} search domains given; cdk8s-plus-28 renders at most ${CDK8S_PLUS_MAX_SEARCHES}`;
  }
  return undefined;
}
