import { Severity } from '../finding';
import { eachContainer, ManifestRule, show } from '../rule';

/**
 * Capability names are upper-case identifiers without the `CAP_` prefix. The API server accepts
 * any string; the container runtime refuses unknown names when the container starts, and the
 * API server's CAP_SYS_ADMIN check only sees the prefixed spelling.
 */
export const capabilityNames: ManifestRule = {
  id: 'capability-names',
  severity: Severity.ERROR,
  source: 'container runtimes (unknown capability); ValidateSecurityContext compares CAP_SYS_ADMIN literally',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const add = c.container.securityContext?.capabilities?.add;
      (Array.isArray(add) ? add : []).forEach((cap: unknown, i: number) => {
        if (typeof cap === 'string' && /^[A-Z][A-Z0-9_]*$/.test(cap) && !cap.startsWith('CAP_')) return;
        out.push({ path: `${c.path}.securityContext.capabilities.add[${i}]`, message: `capability ${show(cap)} is not a capability name; use the upper-case name without "CAP_", such as NET_ADMIN` });
      });
    });
  },
};
