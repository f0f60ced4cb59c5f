import { Severity } from '../finding';
import { eachContainer, ManifestRule, show } from '../rule';

/**
 * Volume mounts name a volume of the pod, use a mountPath once per container, and give a
 * relative subPath without `..`, not together with subPathExpr.
 */
export const volumeMounts: ManifestRule = {
  id: 'volume-mounts',
  description: 'mounts of volumes the pod does not have, a mountPath used twice in a container, an absolute subPath or one with `..`, subPath with subPathExpr',
  severity: Severity.ERROR,
  source: 'ValidateVolumeMounts, validateLocalDescendingPath',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out, template) => {
      const volumes = new Set((Array.isArray(template.spec.volumes) ? template.spec.volumes : []).map((v: any) => v?.name));
      const paths = new Set<string>();
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        const path = `${c.path}.volumeMounts[${i}]`;
        if (!volumes.has(m?.name)) {
          out.push({ path: `${path}.name`, message: `mount of volume ${show(m?.name)} in container "${c.container.name}": the pod has no volume of that name; add the volume or fix the name` });
        }
        if (paths.has(m?.mountPath)) {
          out.push({ path: `${path}.mountPath`, message: `mountPath ${show(m.mountPath)} is used twice in container "${c.container.name}"; each mount needs its own path` });
        }
        paths.add(m?.mountPath);
        const subPath = m?.subPath;
        if (typeof subPath === 'string' && subPath !== '' && (subPath.startsWith('/') || subPath.split('/').includes('..'))) {
          out.push({ path: `${path}.subPath`, message: `subPath ${show(subPath)} must be relative and without ".."; give a path inside the volume` });
        }
        if (subPath && m?.subPathExpr) {
          out.push({ path: `${path}.subPathExpr`, message: 'subPath and subPathExpr are mutually exclusive; keep one' });
        }
      });
    });
  },
};
