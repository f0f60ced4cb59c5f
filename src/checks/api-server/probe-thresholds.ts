import { Severity } from '../finding';
import { eachContainer, ManifestRule, show } from '../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

/**
 * Probe timings and thresholds are not negative; liveness and startup probes succeed once
 * (successThreshold 1, or unset, which defaults to 1); only liveness and startup probes take
 * terminationGracePeriodSeconds, and it is positive.
 */
export const probeThresholds: ManifestRule = {
  id: 'probe-thresholds',
  description: 'negative probe timings and thresholds; successThreshold other than 1 on liveness and startup probes; terminationGracePeriodSeconds on a readiness probe, or not positive',
  severity: Severity.ERROR,
  source: 'validateProbe, validateLivenessProbe, validateStartupProbe, validateReadinessProbe',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      for (const kind of PROBES) {
        const probe = c.container[kind];
        if (!probe || typeof probe !== 'object') continue;
        const at = `${c.path}.${kind}`;
        for (const field of COUNTS) {
          const value = probe[field];
          if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
            out.push({ path: `${at}.${field}`, message: `${field} ${show(value)} is not a count; use an integer of 0 or more` });
          }
        }
        if (kind !== 'readinessProbe' && Number.isInteger(probe.successThreshold) && probe.successThreshold > 1) {
          out.push({ path: `${at}.successThreshold`, message: `successThreshold ${probe.successThreshold} on a ${kind}; it must be 1: a single success ends a ${kind === 'livenessProbe' ? 'liveness' : 'startup'} check` });
        }
        const grace = probe.terminationGracePeriodSeconds;
        if (grace !== undefined && kind === 'readinessProbe') {
          out.push({ path: `${at}.terminationGracePeriodSeconds`, message: 'terminationGracePeriodSeconds is not allowed on a readinessProbe; set it on the liveness or startup probe, or on the pod' });
        } else if (grace !== undefined && !(Number.isInteger(grace) && grace > 0)) {
          out.push({ path: `${at}.terminationGracePeriodSeconds`, message: `terminationGracePeriodSeconds ${show(grace)} must be a positive integer` });
        }
      }
    });
  },
};
