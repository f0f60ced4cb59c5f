import { ALLOWED, forbidden, isSet, joinQuote, PodSecurityLevel, PodSecurityCheck, pluralize } from './api';

/** hostPath volumes are forbidden. */
export const hostPathVolumes: PodSecurityCheck = {
  id: 'hostPathVolumes',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(_metadata, spec) {
      const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
      const bad = volumes.map((v, i) => ({ v, i })).filter(({ v }) => isSet(v?.hostPath));
      if (!bad.length) return ALLOWED;
      return forbidden('hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map(b => b.v.name))}`,
        bad.map(b => `spec.volumes[${b.i}].hostPath`));
    },
  }],
};
