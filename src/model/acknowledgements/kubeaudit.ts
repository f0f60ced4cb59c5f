import { Grant, Privilege } from '../grant';
import { normaliseHostPath } from '../host-path';
import { isQualifiedName } from '../qualified-name';
import { GrantContext, ScannerFormat } from './api';
import { Scanner } from './scanner';

/**
 * The host paths kubeaudit's `mounts` auditor flags by default, matched exactly against the
 * volume's path (auditors/mounts `DefaultSensitivePaths`, after Falco's list; see
 * manifest-linters-and-policy-engines §2a). A mount of any other path raises no kubeaudit
 * finding, so it gets no label.
 */
const SENSITIVE = [
  '/', '/proc', '/etc', '/root', '/home/admin', '/var/lib/kubelet', '/var/lib/kubelet/pki', '/etc/kubernetes', '/etc/kubernetes/manifests',
  '/var/run/docker.sock', '/var/run/crio/crio.sock', '/run/containerd/containerd.sock',
];

/**
 * kubeaudit reads labels on the pod template: `container.kubeaudit.io/<container>.allow-<thing>`
 * for one container, `kubeaudit.io/allow-<thing>` for the pod. Label values are at most 63
 * characters without spaces, so the value is a short token and the reason stays in the grants
 * annotation. A key the API server would refuse (a name part over 63 characters, or not ending in a
 * letter or digit, as a capability `NET_` would make it) cannot be written, and is left out.
 */
export const kubeaudit: ScannerFormat = {
  scanner: Scanner.KUBEAUDIT,
  acknowledge({ grants, podSpec }: GrantContext) {
    const labels: Record<string, string> = {};
    const put = (g: Grant, thing: string) => {
      const key = g.container ? `container.kubeaudit.io/${g.container}.${thing}` : `kubeaudit.io/${thing}`;
      if (isQualifiedName(key)) labels[key] = 'granted';
    };
    for (const g of grants) {
      switch (g.privilege) {
        case Privilege.PRIVILEGED:
          put(g, 'allow-privileged');
          put(g, 'allow-privilege-escalation');
          put(g, 'allow-run-as-root');
          break;
        case Privilege.CAPABILITY:
          put(g, `allow-capability-${g.capability!.toLowerCase().replace(/_/g, '-')}`);
          put(g, 'allow-run-as-root');
          break;
        case Privilege.HOST_NETWORK: put(g, 'allow-namespace-host-network'); break;
        case Privilege.HOST_PID: put(g, 'allow-namespace-host-PID'); break;
        case Privilege.HOST_IPC: put(g, 'allow-namespace-host-IPC'); break;
        case Privilege.HOST_PATH:
          for (const volume of sensitiveVolumesAt(podSpec, g.path!)) put(g, `allow-host-path-mount-${volume}`);
          break;
        case Privilege.RUN_AS_ROOT: put(g, 'allow-run-as-root'); break;
        case Privilege.WRITABLE_ROOT_FILESYSTEM: put(g, 'allow-read-only-root-filesystem-false'); break;
        default: break;
      }
    }
    return { annotations: {}, podLabels: labels };
  },
};

/** Names of the pod's hostPath volumes at a (normalised) path that kubeaudit flags. */
function sensitiveVolumesAt(podSpec: any, path: string): string[] {
  return (podSpec?.volumes ?? [])
    .filter((v: any) => v?.hostPath && SENSITIVE.includes(v.hostPath.path) && normaliseHostPath(v.hostPath.path) === path)
    .map((v: any) => v.name);
}
