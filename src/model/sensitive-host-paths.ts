/**
 * A host path whose mount gives a container power over the node or the cluster.
 * `readSensitive` paths are dangerous even read-only (sockets accept connections through a
 * read-only mount; credential files leak); the others only when writable.
 */
export interface SensitiveHostPath {
  /** The path, as the tools that list it spell it; `<pid>` is any process id, `self` or `thread-self`. */
  readonly path: string;
  readonly readSensitive: boolean;
  readonly why: string;
  /**
   * A magic link of procfs: refused when a mount is or goes through it (the runtime follows it as
   * root when it mounts), not when a mount merely contains it (the container then follows it with
   * its own credentials, which the kernel checks).
   * @default false
   */
  readonly magicLink?: boolean;
  /**
   * The entry is a socket, not a directory: an untyped mount of it creates a directory when it is
   * missing, and `readOnly` on its mount limits nothing.
   * @default false
   */
  readonly socket?: boolean;
  /**
   * The entry is a container runtime's API socket, or the runtime's directory that holds it: a
   * mount of it, or of anything inside it, is root on the node for whoever connects.
   * @default false
   */
  readonly runtimeSocket?: boolean;
}

const RUNTIME_SOCKET = 'root on the node for whoever connects';

/**
 * File names of container runtimes' API sockets, found wherever they are, as kube-linter's
 * `docker-sock` and `container-runtime-sock` find them (a suffix of the path): rootless Docker and
 * Podman, MicroK8s, old k0s and custom data roots keep them outside the entries below.
 */
const RUNTIME_SOCKET_NAMES = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock'];

/**
 * The list, and where each entry comes from: docs/SENSITIVE-HOST-PATHS.md. Entries are matched in
 * every spelling the node resolves to the same file (`/var/run` is `/run`, merged `/usr`), so each
 * is listed once. Order matters only for the message: the first entry a mount contains is named.
 */
export const SENSITIVE_HOST_PATHS: readonly SensitiveHostPath[] = [
  // Container runtimes: sockets and state.
  { path: '/var/run/docker.sock', readSensitive: true, socket: true, runtimeSocket: true, why: `the Docker socket: ${RUNTIME_SOCKET}` },
  { path: '/var/run/docker', readSensitive: true, why: 'Docker runtime state, its containerd\'s socket and its plugins\' sockets' },
  { path: '/var/lib/docker', readSensitive: true, why: 'Docker images, containers and their secrets' },
  { path: '/run/containerd', readSensitive: true, runtimeSocket: true, why: `the containerd socket: ${RUNTIME_SOCKET}` },
  { path: '/var/lib/containerd', readSensitive: true, why: 'containerd images, snapshots and their secrets' },
  { path: '/run/crio', readSensitive: true, runtimeSocket: true, why: `the CRI-O socket: ${RUNTIME_SOCKET}` },
  { path: '/var/run/cri-dockerd.sock', readSensitive: true, socket: true, runtimeSocket: true, why: `the cri-dockerd socket: ${RUNTIME_SOCKET}` },
  { path: '/var/run/dockershim.sock', readSensitive: true, socket: true, runtimeSocket: true, why: `the kubelet's dockershim socket: ${RUNTIME_SOCKET}` },
  { path: '/run/podman', readSensitive: true, runtimeSocket: true, why: `the Podman API socket: ${RUNTIME_SOCKET}` },
  { path: '/var/lib/containers', readSensitive: true, why: 'CRI-O and Podman images and container filesystems (containers/storage)' },
  { path: '/run/containers', readSensitive: true, why: 'CRI-O and Podman runtime state and root\'s registry credentials' },
  { path: '/run/user', readSensitive: true, why: 'users\' runtime directories: rootless Docker and Podman sockets, session buses' },
  { path: '/run/k3s', readSensitive: true, runtimeSocket: true, why: `the containerd socket of k3s and RKE2: ${RUNTIME_SOCKET}` },
  { path: '/var/lib/rancher', readSensitive: true, why: 'k3s and RKE2 state: cluster token, keys, containerd\'s images, manifests deployed to the cluster' },
  { path: '/etc/rancher', readSensitive: true, why: 'k3s and RKE2 configuration: the admin kubeconfig and the join token' },
  { path: '/run/k0s', readSensitive: true, runtimeSocket: true, why: `the containerd socket of k0s: ${RUNTIME_SOCKET}` },
  { path: '/var/lib/k0s', readSensitive: true, why: 'k0s state: keys, the admin kubeconfig, containerd\'s images and socket' },
  { path: '/var/snap/microk8s', readSensitive: true, why: 'MicroK8s state: its containerd socket, credentials and keys' },
  { path: '/run/host-containerd', readSensitive: true, runtimeSocket: true, why: `Bottlerocket's containerd for host containers: ${RUNTIME_SOCKET}` },
  { path: '/run/api.sock', readSensitive: true, socket: true, why: 'Bottlerocket\'s API socket: changes the node\'s settings' },
  { path: '/run/nri', readSensitive: true, why: 'the NRI socket: its plugins change every container the runtime creates (mounts, devices, hooks run on the node)' },
  // Kubernetes and its credentials.
  { path: '/var/lib/kubelet', readSensitive: true, why: 'kubelet credentials and every pod\'s volumes and service-account tokens' },
  { path: '/etc/kubernetes', readSensitive: true, why: 'cluster credentials and static pod manifests' },
  { path: '/var/lib/etcd', readSensitive: true, why: 'the cluster\'s whole state, secrets included' },
  { path: '/var/run/kubernetes', readSensitive: true, why: 'the API server\'s generated serving keys' },
  { path: '/root', readSensitive: true, why: 'root\'s home: keys and credentials' },
  { path: '/home', readSensitive: true, why: 'users\' homes: keys and credentials' },
  { path: '/etc/shadow', readSensitive: true, why: 'the node\'s password hashes' },
  { path: '/etc/gshadow', readSensitive: true, why: 'the node\'s group password hashes' },
  // Services of the node that run what they are told.
  { path: '/run/dbus/system_bus_socket', readSensitive: true, socket: true, why: 'the D-Bus system bus: root talking to it starts systemd units' },
  { path: '/run/systemd/private', readSensitive: true, socket: true, why: 'systemd\'s private socket: control of the node\'s init' },
  { path: '/var/spool/cron', readSensitive: false, why: 'crontabs: what is written there runs on the node, as root for root\'s' },
  { path: '/var/spool/at', readSensitive: false, why: 'at jobs: what is written there runs on the node' },
  { path: '/var/lib/cni', readSensitive: false, why: 'CNI state: IPAM leases and the cached results the runtime replays; writes take over other pods\' addresses' },
  // Magic links of any process: through them the mount reaches the node's root filesystem, files and namespaces.
  { path: '/proc/<pid>/root', readSensitive: true, magicLink: true, why: 'the process\'s root directory: for the runtime or init, the node\'s whole filesystem' },
  { path: '/proc/<pid>/cwd', readSensitive: true, magicLink: true, why: 'the process\'s working directory, anywhere on the node' },
  { path: '/proc/<pid>/exe', readSensitive: true, magicLink: true, why: 'the process\'s program (how runc was overwritten in CVE-2019-5736)' },
  { path: '/proc/<pid>/fd', readSensitive: true, magicLink: true, why: 'the process\'s open files and sockets (CVE-2024-21626)' },
  { path: '/proc/<pid>/map_files', readSensitive: true, magicLink: true, why: 'the files the process has mapped' },
  { path: '/proc/<pid>/ns', readSensitive: true, magicLink: true, why: 'the process\'s namespaces: entering them leaves the container' },
  // System directories: reading them is what agents are for, writing them changes the node.
  { path: '/etc', readSensitive: false, why: 'node configuration: users, sudoers, cron, systemd units, CNI configuration' },
  { path: '/proc', readSensitive: false, why: 'kernel and process interfaces; writes change the running kernel' },
  { path: '/sys', readSensitive: false, why: 'kernel and device interfaces; writes change the running kernel' },
  { path: '/dev', readSensitive: false, why: 'the node\'s devices' },
  { path: '/boot', readSensitive: false, why: 'the node\'s kernel and boot loader' },
  { path: '/usr', readSensitive: false, why: 'the node\'s programs and libraries' },
  { path: '/bin', readSensitive: false, why: 'the node\'s programs' },
  { path: '/sbin', readSensitive: false, why: 'the node\'s programs' },
  { path: '/lib', readSensitive: false, why: 'the node\'s libraries and kernel modules' },
  { path: '/lib32', readSensitive: false, why: 'the node\'s libraries' },
  { path: '/lib64', readSensitive: false, why: 'the node\'s libraries' },
  { path: '/libx32', readSensitive: false, why: 'the node\'s libraries' },
  { path: '/opt/cni/bin', readSensitive: false, why: 'CNI plugins the kubelet runs as root' },
  { path: '/var/log', readSensitive: false, why: 'the node\'s logs; writable log directories have been used to escape containers' },
];

/** A sensitive path a mount touches, and how: the path itself, one of its ancestors, or inside it. */
export interface SensitiveMatch {
  readonly entry: SensitiveHostPath;
  readonly relation: 'is' | 'contains' | 'inside';
}

/**
 * Symbolic links every current distribution has, by the path they are at: the node follows them
 * when it mounts, so a mount through one is a mount of its target. Merged `/usr` is not
 * everywhere; where it is not, `/bin` and `/usr/bin` are both programs of the node and equally
 * sensitive, so matching both spellings refuses nothing more.
 */
const NODE_LINKS = new Map<string, string[]>([
  ['var/run', ['run']],
  ['var/lock', ['run', 'lock']],
  ...['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'].map(d => [d, ['usr', d]] as [string, string[]]),
  ['dev/fd', ['proc', 'self', 'fd']],
  ['dev/stdin', ['proc', 'self', 'fd', '0']],
  ['dev/stdout', ['proc', 'self', 'fd', '1']],
  ['dev/stderr', ['proc', 'self', 'fd', '2']],
]);

/** The links are all at the top of the tree: no deeper prefix is looked up (linear in the path). */
const LINK_DEPTH = Math.max(...[...NODE_LINKS.keys()].map(k => k.split('/').length));

const PROCESS = /^(\d+|self|thread-self)$/;

/** One segment of an entry: a name, or a pattern (`<pid>`). */
type Segment = string | RegExp;

/** Each entry with the spellings of its path, as segments. */
const COMPILED = SENSITIVE_HOST_PATHS.map(entry => ({
  entry,
  forms: spellings(entry.path).map(form => form.map((s): Segment => s === '<pid>' ? PROCESS : s)),
}));

const matches = new Map<string, SensitiveMatch | undefined>();

/**
 * The sensitive path a mount of `path` touches with the given access, or `undefined`. The path is
 * matched as written (after resolving `//`, `.`, `..` and a trailing `/`) and as the node resolves
 * it (through `/var/run`, merged `/usr`, `/dev/fd` and a thread's `/proc/<pid>/task/<tid>`).
 * The path itself is named first, then the closest entry it is inside, then the first it contains.
 */
export function sensitiveHostPath(path: string, writable: boolean): SensitiveMatch | undefined {
  // An app's agents mount the same few paths, each checked by its construct and by a rule:
  // match each path and access once (bounded, like the decoded grants).
  const key = `${writable ? 'rw' : 'ro'}:${path}`;
  if (matches.has(key)) return matches.get(key);
  if (matches.size >= 1000) matches.clear();
  const match = bestMatch(spellings(path), writable);
  matches.set(key, match);
  return match;
}

function bestMatch(paths: string[][], writable: boolean): SensitiveMatch | undefined {
  let inside: { match: SensitiveMatch; depth: number } | undefined;
  let contains: SensitiveMatch | undefined;
  for (const { entry, forms } of COMPILED) {
    if (!writable && !entry.readSensitive) continue;
    for (const form of forms) {
      for (const p of paths) {
        const relation = relate(p, form);
        if (relation === 'is') return { entry, relation };
        if (relation === 'inside' && (!inside || form.length > inside.depth)) inside = { match: { entry, relation }, depth: form.length };
        if (relation === 'contains' && !contains && !entry.magicLink) contains = { entry, relation };
      }
    }
  }
  return inside?.match ?? contains;
}

/**
 * Whether a mount of `path` reaches a container runtime's API socket: it is, or lies inside, an
 * entry marked `runtimeSocket`, in every spelling the node resolves (`/var/run` is `/run`), or its
 * file name is a runtime socket's. A mount that merely contains one (`/`, `/var/run`) holds much
 * more: `sensitiveHostPath` names what.
 */
export function isRuntimeSocket(path: string): boolean {
  return remembered(runtimeSockets, path, findRuntimeSocket);
}

function findRuntimeSocket(path: string): boolean {
  const paths = spellings(path);
  return paths.some(p => p.length > 0 && RUNTIME_SOCKET_NAMES.some(name => p[p.length - 1].endsWith(name)))
    || COMPILED.some(({ entry, forms }) => entry.runtimeSocket && forms.some(form => paths.some(p => {
      const relation = relate(p, form);
      return relation === 'is' || relation === 'inside';
    })));
}

/**
 * Whether `path` names a socket rather than a directory: its file name ends in `.sock`, or it is
 * an entry marked `socket` in any spelling (`/var/run/dbus/system_bus_socket`).
 */
export function isSocketPath(path: string): boolean {
  return remembered(socketPaths, path, findSocketPath);
}

function findSocketPath(path: string): boolean {
  const paths = spellings(path);
  return paths.some(p => p.length > 0 && p[p.length - 1].endsWith('.sock'))
    || COMPILED.some(({ entry, forms }) => entry.socket && forms.some(form => paths.some(p => relate(p, form) === 'is')));
}

// Two rules ask both questions of every hostPath volume of every object: answer each path once,
// bounded as the matches are.
const runtimeSockets = new Map<string, boolean>();
const socketPaths = new Map<string, boolean>();

function remembered(answers: Map<string, boolean>, path: string, answer: (path: string) => boolean): boolean {
  let known = answers.get(path);
  if (known === undefined) {
    if (answers.size >= 1000) answers.clear();
    answers.set(path, known = answer(path));
  }
  return known;
}

/** How a path relates to an entry, segment by segment. */
function relate(path: string[], entry: Segment[]): SensitiveMatch['relation'] | undefined {
  const common = Math.min(path.length, entry.length);
  for (let i = 0; i < common; i++) {
    const e = entry[i];
    if (typeof e === 'string' ? e !== path[i] : !e.test(path[i])) return undefined;
  }
  if (path.length === entry.length) return 'is';
  return path.length > entry.length ? 'inside' : 'contains';
}

/** The path as written and as the node resolves it, as segments (one form when they agree). */
function spellings(path: string): string[][] {
  const written = resolve(path, false);
  const onNode = resolve(path, true);
  return written.join('/') === onNode.join('/') ? [written] : [written, onNode];
}

/**
 * Resolves `//`, `.`, `..` and a trailing `/`; with `followLinks`, also the node's links, before
 * a `..` climbs out of them as the kernel does (`/var/run/..` is `/`).
 */
function resolve(path: string, followLinks: boolean): string[] {
  let parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      parts.pop();
      continue;
    }
    parts.push(part);
    if (!followLinks) continue;
    const target = parts.length <= LINK_DEPTH ? NODE_LINKS.get(parts.join('/')) : undefined;
    if (target) parts = [...target];
    // A thread's directory is its own process directory too: /proc/<pid>/task/<tid> is /proc/<tid>.
    else if (parts.length === 4 && parts[0] === 'proc' && PROCESS.test(parts[1]) && parts[2] === 'task' && /^\d+$/.test(parts[3])) parts = ['proc', parts[3]];
  }
  return parts;
}
