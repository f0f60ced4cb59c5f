import { Severity } from '../finding';
import { ManifestRule, show } from '../rule';

/** A DaemonSet's pods restart Always, and have no activeDeadlineSeconds. */
export const daemonSetRestartPolicy: ManifestRule = {
  id: 'daemon-set-restart-policy',
  description: 'restartPolicy other than Always; activeDeadlineSeconds',
  severity: Severity.ERROR,
  source: 'ValidateDaemonSetSpec (apps/validation)',
  kinds: ['DaemonSet'],
  check(obj) {
    const spec = obj.spec?.template?.spec ?? {};
    const out = [];
    if (spec.restartPolicy !== undefined && spec.restartPolicy !== 'Always') {
      out.push({ path: 'spec.template.spec.restartPolicy', message: `restartPolicy ${show(spec.restartPolicy)} is not supported in a DaemonSet; use Always` });
    }
    if (spec.activeDeadlineSeconds !== undefined) {
      out.push({ path: 'spec.template.spec.activeDeadlineSeconds', message: 'activeDeadlineSeconds is not supported in a DaemonSet; remove it' });
    }
    return out;
  },
};
