import { Severity } from '../finding';
import { closestCapability, LINUX_CAPABILITIES, LINUX_CAPABILITIES_SOURCE } from '../linux-capabilities';
import { eachContainer, ManifestRule, show } from '../rule';

/**
 * Capability names are upper-case identifiers without the `CAP_` prefix. The API server accepts
 * any string; the API server's CAP_SYS_ADMIN check only sees the prefixed spelling, and
 * containerd prefixes every name with `CAP_` itself. A well-formed name the kernel does not
 * have is a warning (a capability newer than this list may be legitimate): runc drops it with
 * a log line and the container starts without it; CRI-O refuses to create the container.
 */
export const capabilityNames: ManifestRule = {
  id: 'capability-names',
  description: 'capability names that are not upper-case identifiers without `CAP_` (containerd prefixes `CAP_` itself; the API\'s SYS_ADMIN check only sees `CAP_SYS_ADMIN`); a well-formed name that is not one of the 41 capabilities of Linux (`include/uapi/linux/capability.h`, CHOWN to CHECKPOINT_RESTORE), with the closest name: runc drops it with a log line and the container runs without it, CRI-O refuses to create the container',
  severity: Severity.ERROR,
  source: 'container runtimes (containerd WithCapabilities, runc capabilities.New, CRI-O SpecSetupCapabilities); ValidateSecurityContext compares CAP_SYS_ADMIN literally',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const add = c.container.securityContext?.capabilities?.add;
      (Array.isArray(add) ? add : []).forEach((cap: unknown, i: number) => {
        const path = `${c.path}.securityContext.capabilities.add[${i}]`;
        if (typeof cap !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(cap) || cap.startsWith('CAP_')) {
          out.push({ path, message: `capability ${show(cap)} is not a capability name; use the upper-case name without "CAP_", such as NET_ADMIN` });
        } else if (cap !== 'ALL' && !LINUX_CAPABILITIES.includes(cap)) {
          const guess = closestCapability(cap);
          out.push({
            path,
            severity: Severity.WARNING,
            message: `capability ${show(cap)} is not one of ${LINUX_CAPABILITIES_SOURCE}${guess ? `; did you mean ${guess}?` : ''} `
              + 'containerd with runc drops an unknown name with only a log line, so the container starts without it, and CRI-O refuses to create the container',
          });
        }
      });
    });
  },
};
