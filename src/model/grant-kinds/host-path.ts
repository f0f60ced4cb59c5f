import { Privilege } from '../grant';
import type { HeldAccess } from '../held-access';
import { normaliseHostPath } from '../host-path';
import { GrantKind, HeldContext, sameContainer } from './api';

/** A path of the node mounted into a container, read-only or read-write. */
export const kind: GrantKind = {
  privilege: Privilege.HOST_PATH,
  scope: 'container',
  targeted: true,
  identity: grant => `${grant.path}|${grant.writable ? 'rw' : 'ro'}`,
  target: grant => `${grant.path} ${grant.writable ? 'rw' : 'ro'}`,
  describe: grant => `hostPath ${grant.path} (${grant.writable ? 'read-write' : 'read-only'})`,
  held: where => where.container ? mounted(where) : unmounted(where),
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.HOST_PATH
    && held.path === grant.path && held.writable === !!grant.writable,
  howToGrant: held => held.container === undefined
    ? 'mount it with mountHostPath(HostPath.of(...), { reason }) or remove the volume'
    : `grant it with mountHostPath(HostPath.of('${held.path}'), { ${held.writable ? 'writable: true, ' : ''}reason })`,
  podSecurityChecks: ['hostPathVolumes', 'restrictedVolumes'],
  scanners: {
    kubeLinter: grant => [
      ...(KUBE_LINTER_SENSITIVE.includes(grant.path!) ? ['sensitive-host-mounts'] : []),
      ...(grant.path!.endsWith('docker.sock') ? ['docker-sock'] : []),
      ...(grant.writable ? ['writable-host-mount'] : []),
    ],
    polaris: () => ['hostPathSet'],
    checkov: grant => grant.path!.endsWith('docker.sock') ? ['CKV_K8S_27'] : [],
    kubeaudit: (grant, podSpec) => kubeauditVolumesAt(podSpec, grant.path!).map(volume => `allow-host-path-mount-${volume}`),
  },
};

/** kube-linter's `sensitive-host-mounts` list (stackrox/kube-linter `pkg/builtinchecks/yamls/host-mounts.yaml`). */
const KUBE_LINTER_SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];

/**
 * The host paths kubeaudit's `mounts` auditor flags by default, matched exactly against the
 * volume's path (auditors/mounts `DefaultSensitivePaths`, after Falco's list). A mount of any
 * other path raises no kubeaudit finding, so it gets no label.
 */
const KUBEAUDIT_SENSITIVE = [
  '/', '/proc', '/etc', '/root', '/home/admin', '/var/lib/kubelet', '/var/lib/kubelet/pki', '/etc/kubernetes', '/etc/kubernetes/manifests',
  '/var/run/docker.sock', '/var/run/crio/crio.sock', '/run/containerd/containerd.sock',
];

function kubeauditVolumesAt(podSpec: any, path: string): string[] {
  return (Array.isArray(podSpec?.volumes) ? podSpec.volumes : [])
    .filter((v: any) => typeof v?.hostPath?.path === 'string' && KUBEAUDIT_SENSITIVE.includes(v.hostPath.path) && normaliseHostPath(v.hostPath.path) === path)
    .map((v: any) => v.name);
}

function mounted({ container, hostVolumes }: HeldContext): HeldAccess[] {
  const mounts = container!.container.volumeMounts;
  return (Array.isArray(mounts) ? mounts : []).flatMap((m: any, i: number) => {
    const volume = hostVolumes.get(m?.name);
    if (!volume) return [];
    return [{ kind: Privilege.HOST_PATH, container: container!.name, path: volume.path, writable: m.readOnly !== true, field: `${container!.path}.volumeMounts[${i}]`, value: volume.written }];
  });
}

/** A hostPath volume no container mounts can still be mounted, read-write, by an ephemeral debug container. */
function unmounted({ spec, hostVolumes }: HeldContext): HeldAccess[] {
  const used = new Set<unknown>();
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) {
      for (const m of Array.isArray(c?.volumeMounts) ? c.volumeMounts : []) used.add(m?.name);
    }
  }
  return [...hostVolumes].filter(([name]) => !used.has(name))
    .map(([, volume]) => ({ kind: Privilege.HOST_PATH, path: volume.path, writable: true, field: volume.field, value: volume.written }));
}
