import { Severity } from '../finding';
import { eachContainer, ManifestRule } from '../rule';

/**
 * A privileged container already has every capability and runs unconfined: added capabilities
 * and a seccomp profile on it change nothing and suggest a confinement that is not there.
 */
export const settingsOnPrivileged: ManifestRule = {
  id: 'settings-on-privileged',
  description: 'capabilities or seccomp on a privileged container (no effect)',
  severity: Severity.WARNING,
  source: 'containerd CRI generateSeccompSpecOpts skips privileged containers',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const sc = c.container.securityContext;
      if (sc?.privileged !== true) return;
      if (Array.isArray(sc.capabilities?.add) && sc.capabilities.add.length) {
        out.push({ path: `${c.path}.securityContext.capabilities.add`, message: `container "${c.container.name}" is privileged, so adding ${sc.capabilities.add.join(', ')} has no effect; drop privileged and keep the capabilities, or remove them` });
      }
      if (sc.seccompProfile) {
        out.push({ path: `${c.path}.securityContext.seccompProfile`, message: `container "${c.container.name}" is privileged, so its seccomp profile is not applied; remove it or drop privileged` });
      }
    });
  },
};
