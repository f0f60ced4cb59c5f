import { joinPath } from '../../model/pod-template';
import { Severity } from '../finding';
import { eachVolume, ManifestRule } from '../rule';
import { acknowledgeHostPath } from './granted';

/**
 * A container runtime socket gives root on the node to whoever connects, and `readOnly` on the
 * mount does not stop connect() (amir20/dozzle#3088, gliderlabs/registrator#191).
 */
export const runtimeSocket: ManifestRule = {
  id: 'runtime-socket',
  description: 'a container runtime socket mounted',
  severity: Severity.WARNING,
  source: 'kube-linter docker-sock and container-runtime-sock, Checkov CKV_K8S_27, Kyverno disallow-container-sock-mounts, Trivy KSV-0006',
  kinds: ['*'],
  check(obj) {
    return eachVolume(obj, (v, i, out, template) => {
      const path = v?.hostPath?.path;
      if (typeof path === 'string' && /(docker|containerd|crio|cri-dockerd)\.sock$/.test(path)) {
        const violation = { path: joinPath(template.path, `spec.volumes[${i}].hostPath`), message: `mounts the container runtime socket ${path}: root on the node for whoever connects, even through a read-only mount` };
        out.push(acknowledgeHostPath(obj, violation, path));
      }
    });
  },
};
