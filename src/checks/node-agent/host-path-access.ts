import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { sensitiveHostPath } from '../../model/sensitive-host-paths';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';
import { acknowledgeHostPath } from './granted';

/**
 * Mounts of sensitive host paths (docs/SENSITIVE-HOST-PATHS.md; ancestors and paths inside
 * included, after normalisation) and writable host mounts. A mount granted in this library's
 * annotation is reported as `info` with its reason.
 */
export const hostPathAccess: ManifestRule = {
  id: 'host-path-access',
  description: 'sensitive host paths after normalisation (the path, an ancestor, inside), writable host mounts',
  severity: Severity.WARNING,
  source: 'docs/SENSITIVE-HOST-PATHS.md, after the lists of kube-linter, Trivy, kubeaudit, Falco, Kyverno and Kubescape',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const volumes = new Map<string, string>();
    for (const v of Array.isArray(template.spec.volumes) ? template.spec.volumes : []) {
      if (typeof v?.hostPath?.path === 'string') volumes.set(v.name, v.hostPath.path);
    }
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        const hostPath = volumes.get(m?.name);
        if (hostPath === undefined) return;
        const writable = m.readOnly !== true;
        const path = `${c.path}.volumeMounts[${i}]`;
        const access = writable ? 'read-write' : 'read-only';
        const sensitive = sensitiveHostPath(hostPath, writable);
        if (sensitive) {
          const where = sensitive.relation === 'is' ? 'is sensitive' : `${sensitive.relation === 'contains' ? 'contains' : 'is inside'} ${sensitive.entry.path}`;
          out.push(acknowledgeHostPath(obj, { path, message: `container "${c.container.name}" mounts ${hostPath} ${access}, which ${where} (${sensitive.entry.why})` }, hostPath, c.container.name, writable));
        } else if (writable) {
          out.push(acknowledgeHostPath(obj, { path, message: `container "${c.container.name}" mounts ${hostPath} read-write; mount it read-only unless the agent writes there`, severity: Severity.INFO }, hostPath, c.container.name, writable));
        }
      });
    }
    return out;
  },
};
