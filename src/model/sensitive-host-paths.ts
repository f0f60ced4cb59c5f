import { normaliseHostPath } from './host-path';

/**
 * A host path whose mount gives a container power over the node or the cluster.
 * `readSensitive` paths are dangerous even read-only (sockets accept connections through a
 * read-only mount; credential files leak); the others only when writable.
 */
export interface SensitiveHostPath {
  readonly path: string;
  readonly readSensitive: boolean;
  readonly why: string;
}

/**
 * The list, and where each entry comes from: docs/SENSITIVE-HOST-PATHS.md. It is the union of
 * what kube-linter, Trivy, kubeaudit, Falco, Kyverno, Kubescape and Checkov name, plus the
 * kubelet's pod directory and log and CNI directories whose writes run code on the node.
 */
export const SENSITIVE_HOST_PATHS: readonly SensitiveHostPath[] = [
  { path: '/var/run/docker.sock', readSensitive: true, why: 'the Docker socket: root on the node for whoever connects' },
  { path: '/var/run/docker', readSensitive: true, why: 'Docker runtime state and sockets' },
  { path: '/var/lib/docker', readSensitive: true, why: 'Docker images, containers and their secrets' },
  { path: '/run/containerd', readSensitive: true, why: 'the containerd socket: root on the node for whoever connects' },
  { path: '/var/run/containerd', readSensitive: true, why: 'the containerd socket: root on the node for whoever connects' },
  { path: '/var/lib/containerd', readSensitive: true, why: 'containerd images, snapshots and their secrets' },
  { path: '/run/crio', readSensitive: true, why: 'the CRI-O socket: root on the node for whoever connects' },
  { path: '/var/run/crio', readSensitive: true, why: 'the CRI-O socket: root on the node for whoever connects' },
  { path: '/var/run/cri-dockerd.sock', readSensitive: true, why: 'the cri-dockerd socket: root on the node for whoever connects' },
  { path: '/var/lib/kubelet', readSensitive: true, why: 'kubelet credentials and every pod\'s volumes and service-account tokens' },
  { path: '/etc/kubernetes', readSensitive: true, why: 'cluster credentials and static pod manifests' },
  { path: '/var/lib/etcd', readSensitive: true, why: 'the cluster\'s whole state, secrets included' },
  { path: '/root', readSensitive: true, why: 'root\'s home: keys and credentials' },
  { path: '/home', readSensitive: true, why: 'users\' homes: keys and credentials' },
  { path: '/etc', readSensitive: false, why: 'node configuration: users, sudoers, systemd units, CNI configuration' },
  { path: '/proc', readSensitive: false, why: 'kernel and process interfaces; writes change the running kernel' },
  { path: '/sys', readSensitive: false, why: 'kernel and device interfaces; writes change the running kernel' },
  { path: '/dev', readSensitive: false, why: 'the node\'s devices' },
  { path: '/boot', readSensitive: false, why: 'the node\'s kernel and boot loader' },
  { path: '/usr', readSensitive: false, why: 'the node\'s programs' },
  { path: '/lib', readSensitive: false, why: 'the node\'s libraries and kernel modules' },
  { path: '/bin', readSensitive: false, why: 'the node\'s programs' },
  { path: '/sbin', readSensitive: false, why: 'the node\'s programs' },
  { path: '/opt/cni/bin', readSensitive: false, why: 'CNI plugins the kubelet runs as root' },
  { path: '/var/log', readSensitive: false, why: 'the node\'s logs; writable log directories have been used to escape containers' },
];

/** A sensitive path a mount touches, and how: the path itself, one of its ancestors, or inside it. */
export interface SensitiveMatch {
  readonly entry: SensitiveHostPath;
  readonly relation: 'is' | 'contains' | 'inside';
}

const matches = new Map<string, SensitiveMatch | undefined>();

/**
 * The first sensitive path a mount of `path` touches with the given access, after normalising
 * `//`, `.`, `..` and trailing `/`.
 */
export function sensitiveHostPath(path: string, writable: boolean): SensitiveMatch | undefined {
  // An app's agents mount the same few paths, each checked by its construct and by a rule:
  // match each path and access once (bounded, like the decoded grants).
  const key = `${writable ? 'rw' : 'ro'}:${path}`;
  if (matches.has(key)) return matches.get(key);
  if (matches.size >= 1000) matches.clear();
  const match = firstSensitive(normaliseHostPath(path), writable);
  matches.set(key, match);
  return match;
}

function firstSensitive(p: string, writable: boolean): SensitiveMatch | undefined {
  for (const entry of SENSITIVE_HOST_PATHS) {
    if (!writable && !entry.readSensitive) continue;
    if (p === entry.path) return { entry, relation: 'is' };
    if (isInside(entry.path, p)) return { entry, relation: 'contains' };
    if (isInside(p, entry.path)) return { entry, relation: 'inside' };
  }
  return undefined;
}

/** Whether `child` lies strictly below `parent`. */
function isInside(child: string, parent: string): boolean {
  return parent === '/' ? child !== '/' : child.startsWith(parent + '/');
}
