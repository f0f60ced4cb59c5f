import { Severity } from '../finding';
import { ManifestRule, show, Violation } from '../rule';

/** minReadySeconds and revisionHistoryLimit are not negative; templates hold no ephemeral containers. */
export const daemonSetCounts: ManifestRule = {
  id: 'daemon-set-counts',
  description: 'negative minReadySeconds or revisionHistoryLimit; ephemeral containers in the template',
  severity: Severity.ERROR,
  source: 'ValidateDaemonSetSpec (apps/validation), ValidatePodTemplateSpec (ephemeral containers)',
  kinds: ['DaemonSet'],
  check(obj) {
    const out: Violation[] = [];
    for (const field of ['minReadySeconds', 'revisionHistoryLimit']) {
      const value = obj.spec?.[field];
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        out.push({ path: `spec.${field}`, message: `${field} ${show(value)} must be a non-negative integer` });
      }
    }
    if (Array.isArray(obj.spec?.template?.spec?.ephemeralContainers) && obj.spec.template.spec.ephemeralContainers.length) {
      out.push({ path: 'spec.template.spec.ephemeralContainers', message: 'ephemeral containers are not allowed in a pod template; attach them to running pods with kubectl debug' });
    }
    return out;
  },
};
