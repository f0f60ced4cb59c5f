import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/**
 * A downward-API reference to a limit that is not set returns the node's allocatable instead,
 * so GOMEMLIMIT and the like are sized for the whole node.
 */
export const resourceFieldRefWithoutLimit: ManifestRule = {
  id: 'resource-field-ref-without-limit',
  description: 'a resourceFieldRef on a limit that is not set (returns the node\'s allocatable)',
  severity: Severity.WARNING,
  source: 'Kubernetes docs, Downward API: fallback information for resource limits',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const containers = containersOf(template.spec, joinPath(template.path, 'spec'));
    const out: Violation[] = [];
    for (const c of containers) {
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        const ref = e?.valueFrom?.resourceFieldRef;
        const resource: unknown = ref?.resource;
        if (typeof resource !== 'string' || !resource.startsWith('limits.')) return;
        const target = ref.containerName ? containers.find(x => x.container.name === ref.containerName)?.container : c.container;
        const limit = resource.slice('limits.'.length);
        if (target?.resources?.limits?.[limit] !== undefined) return;
        out.push({ path: `${c.path}.env[${i}].valueFrom.resourceFieldRef`, message: `${e.name} reads ${resource} of container "${target?.name ?? ref.containerName}", which sets no ${limit} limit, so it gets the node's allocatable ${limit}; set the limit` });
      });
    }
    return out;
  },
};
