import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { DNS1123_LABEL_RULE, isDns1123Label } from '../formats';
import { ManifestRule, show, Violation } from '../rule';

/** Container names are DNS-1123 labels, unique across init and regular containers. */
export const containerNames: ManifestRule = {
  id: 'container-names',
  description: 'container names that are not DNS-1123 labels, or used twice across init and regular containers',
  severity: Severity.ERROR,
  source: 'validateContainerCommon (ValidateDNS1123Label), validateContainers, validateInitContainers',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const out: Violation[] = [];
    const seen = new Set<string>();
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      const name = c.container.name;
      if (!isDns1123Label(name)) {
        out.push({ path: `${c.path}.name`, message: `container name ${show(name)} is not a DNS-1123 label; use ${DNS1123_LABEL_RULE}` });
      } else if (seen.has(name)) {
        out.push({ path: `${c.path}.name`, message: `container name ${show(name)} is used twice; every container and init container needs its own name` });
      }
      seen.add(name);
    }
    return out;
  },
};
