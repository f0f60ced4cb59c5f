import { joinPath } from '../../model/pod-template';
import { Severity } from '../finding';
import { eachVolume, ManifestRule, show } from '../rule';

/**
 * A hostPath that does not start with `/`. The API server accepts it (it only forbids `..`),
 * but it is not anchored at the node's root: the kubelet and the runtime resolve it against
 * their own working directories, and the path recorded for review is not the one mounted.
 */
export const relativeHostPath: ManifestRule = {
  id: 'relative-host-path',
  description: 'a hostPath that does not start with `/`: the API server accepts it, but it is not anchored at the node\'s root',
  severity: Severity.ERROR,
  source: 'validateHostPathVolumeSource does not require an absolute path; the kubelet passes it on unresolved',
  kinds: ['*'],
  check(obj) {
    return eachVolume(obj, (v, i, out, template) => {
      const path = v?.hostPath?.path;
      if (typeof path !== 'string' || path === '' || path.startsWith('/')) return;
      out.push({
        path: joinPath(template.path, `spec.volumes[${i}].hostPath.path`),
        message: `host path ${show(path)} is relative; the API server accepts it, but it is not anchored at the node's root (the kubelet and the runtime resolve it against their working directories); give the absolute path (${show(`/${path.replace(/^(\.\/)+/, '')}`)})`,
      });
    });
  },
};
