import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/**
 * A privileged container already has every capability and runs unconfined: added capabilities
 * and a seccomp profile on it change nothing and suggest a confinement that is not there.
 */
export const settingsOnPrivileged: ManifestRule = {
  id: 'settings-on-privileged',
  severity: Severity.WARNING,
  source: 'real-node-agents §3.18; containerd CRI generateSeccompSpecOpts skips privileged containers',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      const sc = c.container.securityContext;
      if (sc?.privileged !== true) continue;
      if (Array.isArray(sc.capabilities?.add) && sc.capabilities.add.length) {
        out.push({ path: `${c.path}.securityContext.capabilities.add`, message: `container "${c.container.name}" is privileged, so adding ${sc.capabilities.add.join(', ')} has no effect; drop privileged and keep the capabilities, or remove them` });
      }
      if (sc.seccompProfile) {
        out.push({ path: `${c.path}.securityContext.seccompProfile`, message: `container "${c.container.name}" is privileged, so its seccomp profile is not applied; remove it or drop privileged` });
      }
    }
    return out;
  },
};
