import { Severity } from '../finding';
import { eachContainer, ManifestRule } from '../rule';

/** `allowPrivilegeEscalation: false` cannot be combined with privileged or with CAP_SYS_ADMIN. */
export const privilegedEscalation: ManifestRule = {
  id: 'privileged-escalation',
  description: '`allowPrivilegeEscalation: false` with `privileged: true`, or with the literal `CAP_SYS_ADMIN`',
  severity: Severity.ERROR,
  source: 'ValidateSecurityContext',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const sc = c.container.securityContext;
      if (sc?.allowPrivilegeEscalation !== false) return;
      const path = `${c.path}.securityContext.allowPrivilegeEscalation`;
      if (sc.privileged === true) {
        out.push({ path, message: `allowPrivilegeEscalation: false is rejected together with privileged: true in container "${c.container.name}"; leave allowPrivilegeEscalation unset (or true) for a privileged container` });
      }
      // The API server compares the literal string, so only the CAP_-prefixed spelling is rejected.
      if (Array.isArray(sc.capabilities?.add) && sc.capabilities.add.includes('CAP_SYS_ADMIN')) {
        out.push({ path, message: `allowPrivilegeEscalation: false is rejected together with capability CAP_SYS_ADMIN in container "${c.container.name}"; leave allowPrivilegeEscalation unset, or drop CAP_SYS_ADMIN` });
      }
    });
  },
};
