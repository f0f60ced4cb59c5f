import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/** With terminationGracePeriodSeconds 0 the pod is killed at once and preStop hooks never run. */
export const gracePeriodSkipsPreStop: ManifestRule = {
  id: 'grace-period-skips-pre-stop',
  description: 'a preStop hook with terminationGracePeriodSeconds 0 (never runs)',
  severity: Severity.WARNING,
  source: 'projectcalico/calico#8691',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template || template.spec.terminationGracePeriodSeconds !== 0) return [];
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      if (c.container.lifecycle?.preStop) {
        out.push({ path: `${c.path}.lifecycle.preStop`, message: `container "${c.container.name}" has a preStop hook that never runs: terminationGracePeriodSeconds is 0; give the hook time (a few seconds) or remove it` });
      }
    }
    return out;
  },
};
