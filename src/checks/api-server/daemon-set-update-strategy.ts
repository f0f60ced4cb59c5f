import { Severity } from '../finding';
import { intOrPercentValue, isPercent } from '../formats';
import { ManifestRule, show, Violation } from '../rule';

/**
 * A DaemonSet rolling update has exactly one of maxUnavailable and maxSurge non-zero, each an
 * integer or a percentage of at most 100%. Unset fields take the apps/v1 defaults
 * (maxUnavailable 1, maxSurge 0), so a lone `maxSurge: 1` is rejected.
 */
export const daemonSetUpdateStrategy: ManifestRule = {
  id: 'daemon-set-update-strategy',
  description: 'unknown strategy types; maxUnavailable/maxSurge that are not integers or `N%`, above 100%, both non-zero (unset maxUnavailable defaults to 1) or both zero',
  severity: Severity.ERROR,
  source: 'ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet (apps/validation); SetDefaults_DaemonSet',
  kinds: ['DaemonSet'],
  check(obj) {
    const strategy = obj.spec?.updateStrategy;
    if (!strategy) return [];
    const path = 'spec.updateStrategy';
    const type = strategy.type ?? 'RollingUpdate';
    if (type === 'OnDelete') return [];
    if (type !== 'RollingUpdate') {
      return [{ path: `${path}.type`, message: `update strategy ${show(type)} is not supported; use RollingUpdate or OnDelete` }];
    }
    const out: Violation[] = [];
    const ru = strategy.rollingUpdate ?? {};
    const values: Record<string, number> = {};
    for (const [field, fallback] of [['maxUnavailable', 1], ['maxSurge', 0]] as const) {
      const raw = ru[field];
      if (raw === undefined || raw === null) { values[field] = fallback; continue; }
      const value = intOrPercentValue(raw);
      if (value === undefined) {
        out.push({ path: `${path}.rollingUpdate.${field}`, message: `${field} ${show(raw)} is neither a non-negative integer nor a percentage like "10%"` });
      } else if (isPercent(raw) && value > 100) {
        out.push({ path: `${path}.rollingUpdate.${field}`, message: `${field} ${show(raw)} is more than 100%; use at most "100%"` });
      }
      values[field] = value ?? 0;
    }
    if (out.length) return out;
    if (values.maxUnavailable !== 0 && values.maxSurge !== 0) {
      out.push({ path: `${path}.rollingUpdate.maxSurge`, message: `maxSurge ${show(ru.maxSurge)} may not be set while maxUnavailable is ${show(ru.maxUnavailable ?? 1)} (1 when unset); set maxUnavailable to 0 to surge` });
    } else if (values.maxUnavailable === 0 && values.maxSurge === 0) {
      out.push({ path: `${path}.rollingUpdate.maxUnavailable`, message: 'maxUnavailable and maxSurge are both 0, so the update can never progress; make one of them non-zero' });
    }
    return out;
  },
};
