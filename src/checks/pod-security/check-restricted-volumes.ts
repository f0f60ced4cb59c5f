import { ALLOWED, forbidden, joinQuote, PodSecurityLevel, PodSecurityCheck, pluralize } from './api';

const ALLOWED_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

/** Only volume types that do not reach into the node are allowed. */
export const restrictedVolumes: PodSecurityCheck = {
  id: 'restrictedVolumes',
  level: PodSecurityLevel.RESTRICTED,
  versions: [{
    minimumVersion: 0,
    overrides: ['hostPathVolumes'],
    check(_metadata, spec) {
      const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
      const bad: Array<{ name: string; type: string; i: number }> = [];
      volumes.forEach((v, i) => {
        const sources = Object.keys(v ?? {}).filter(k => k !== 'name' && v[k] !== null && v[k] !== undefined);
        // The API server defaults a volume with no source to emptyDir before admission.
        const disallowed = sources.filter(s => !ALLOWED_SOURCES.has(s));
        if (disallowed.length) bad.push({ name: v.name, type: disallowed[0], i });
      });
      if (!bad.length) return ALLOWED;
      const types = [...new Set(bad.map(b => b.type))].sort();
      return forbidden('restricted volume types',
        `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map(b => b.name))} ${bad.length === 1 ? 'uses' : 'use'} restricted volume ${pluralize('type', 'types', types.length)} ${joinQuote(types)}`,
        bad.map(b => `spec.volumes[${b.i}].${b.type}`));
    },
  }],
};
