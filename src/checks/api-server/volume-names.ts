import { joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { DNS1123_LABEL_RULE, isDns1123Label } from '../formats';
import { ManifestRule, show, Violation } from '../rule';

/** Volume names are unique DNS-1123 labels. */
export const volumeNames: ManifestRule = {
  id: 'volume-names',
  description: 'volume names that are not DNS-1123 labels, or duplicated',
  severity: Severity.ERROR,
  source: 'ValidateVolumes (ValidateDNS1123Label, field.Duplicate)',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template || !Array.isArray(template.spec.volumes)) return [];
    const out: Violation[] = [];
    const seen = new Set<string>();
    template.spec.volumes.forEach((v: any, i: number) => {
      const path = joinPath(template.path, `spec.volumes[${i}].name`);
      if (!isDns1123Label(v?.name)) out.push({ path, message: `volume name ${show(v?.name)} is not a DNS-1123 label; use ${DNS1123_LABEL_RULE}` });
      else if (seen.has(v.name)) out.push({ path, message: `volume name ${show(v.name)} is used twice; volume names must be unique` });
      seen.add(v?.name);
    });
    return out;
  },
};
