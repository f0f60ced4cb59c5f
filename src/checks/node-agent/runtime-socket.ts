import { joinPath } from '../../model/pod-template';
import { isRuntimeSocket, isSocketPath } from '../../model/sensitive-host-paths';
import { Severity } from '../finding';
import { eachVolume, ManifestRule } from '../rule';
import { acknowledgeHostPath } from './granted';

/**
 * A container runtime socket gives root on the node to whoever connects, and `readOnly` on the
 * mount does not stop connect() (amir20/dozzle#3088, gliderlabs/registrator#191). Which paths are
 * runtime sockets is the sensitive host paths' knowledge, with their spellings (`/var/run` is `/run`).
 */
export const runtimeSocket: ManifestRule = {
  id: 'runtime-socket',
  description: 'a container runtime socket mounted, or the runtime directory that holds it: the runtimes of docs/SENSITIVE-HOST-PATHS.md (Docker, cri-dockerd, dockershim, containerd, CRI-O, Podman, k3s and RKE2, k0s, Bottlerocket) in both spellings (`/var/run` is `/run`), and their socket names anywhere (rootless runtimes, MicroK8s); a mount that only contains one (`/var/run`) is left to `host-path-access`',
  severity: Severity.WARNING,
  source: 'kube-linter docker-sock and container-runtime-sock, Checkov CKV_K8S_27, Kyverno disallow-container-sock-mounts, Trivy KSV-0006',
  kinds: ['*'],
  check(obj) {
    return eachVolume(obj, (v, i, out, template) => {
      const path = v?.hostPath?.path;
      if (typeof path !== 'string' || !isRuntimeSocket(path)) return;
      const what = isSocketPath(path) ? `the container runtime socket ${path}` : `${path}, which holds a container runtime socket`;
      const violation = { path: joinPath(template.path, `spec.volumes[${i}].hostPath`), message: `mounts ${what}: root on the node for whoever connects, even through a read-only mount` };
      out.push(acknowledgeHostPath(obj, violation, path));
    });
  },
};
