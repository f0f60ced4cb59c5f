import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { HostPath, NodeAgentDaemonSet } from '../src';
import { warningsOnly } from './support/output';
import { errorLines } from './support/synth';
import { isRuntimeSocket, isSocketPath, SENSITIVE_HOST_PATHS, sensitiveHostPath } from '../src/model/sensitive-host-paths';

/** What a mount of `path` touches: `relation entry`, or `accepted`. */
function verdict(path: string, writable: boolean): string {
  const match = sensitiveHostPath(path, writable);
  return match ? `${match.relation} ${match.entry.path}` : 'accepted';
}

const refused = (path: string, writable: boolean) => sensitiveHostPath(path, writable) !== undefined;

describe('/var/run is /run on the node: every entry matches in both spellings', () => {
  test.each([
    ['/var/run/docker.sock', 'is /var/run/docker.sock'],
    ['/run/docker.sock', 'is /var/run/docker.sock'],
    ['/run/docker', 'is /var/run/docker'],
    ['/run/docker/containerd/containerd.sock', 'inside /var/run/docker'],
    ['/run/cri-dockerd.sock', 'is /var/run/cri-dockerd.sock'],
    ['/run/dockershim.sock', 'is /var/run/dockershim.sock'],
    ['/var/run/containerd/containerd.sock', 'inside /run/containerd'],
    ['/var/run/crio/crio.sock', 'inside /run/crio'],
    ['/var/run/podman/podman.sock', 'inside /run/podman'],
    ['/var/run/k3s/containerd/containerd.sock', 'inside /run/k3s'],
    ['/var/run/dbus/system_bus_socket', 'is /run/dbus/system_bus_socket'],
    ['/var/run/systemd/private', 'is /run/systemd/private'],
    ['/var/run/nri/nri.sock', 'inside /run/nri'],
    ['/var/run', 'contains /var/run/docker.sock'],
    ['/run', 'contains /var/run/docker.sock'],
  ])('%s read-only: %s', (path, expected) => {
    expect(verdict(path, false)).toBe(expected);
  });
});

describe('merged /usr: /bin, /sbin, /lib, /lib32, /lib64, /libx32 and their /usr forms are refused writable, consistently', () => {
  const dirs = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
  test.each([...dirs, ...dirs.map(d => `/usr${d}`), ...dirs.map(d => `${d}/x`), ...dirs.map(d => `/usr${d}/x`)])('%s', path => {
    expect(refused(path, true)).toBe(true);
    expect(refused(path, false)).toBe(false);
  });

  test('the message names the entry in the spelling that was mounted when it is listed', () => {
    expect(verdict('/lib64/ld-linux-x86-64.so.2', true)).toBe('inside /lib64');
    expect(verdict('/lib/modules', true)).toBe('inside /lib');
  });
});

describe('magic links of /proc: the runtime follows them, as root, when it mounts', () => {
  test.each([
    ['/proc/1/root', 'is /proc/<pid>/root'],
    ['/proc/1/root/var/lib/kubelet', 'inside /proc/<pid>/root'],
    ['/proc/self/root/', 'is /proc/<pid>/root'],
    ['/proc/thread-self/root/etc', 'inside /proc/<pid>/root'],
    ['/proc/4242/cwd', 'is /proc/<pid>/cwd'],
    ['/proc/self/cwd/x', 'inside /proc/<pid>/cwd'],
    ['/proc/self/exe', 'is /proc/<pid>/exe'],
    ['/proc/1/fd/3', 'inside /proc/<pid>/fd'],
    ['/proc/1/map_files', 'is /proc/<pid>/map_files'],
    ['/proc/1/ns/mnt', 'inside /proc/<pid>/ns'],
    ['/proc/1/task/7/root', 'is /proc/<pid>/root'],
    ['/proc/self/task/7/ns/net', 'inside /proc/<pid>/ns'],
    ['/dev/fd/3', 'inside /proc/<pid>/fd'],
    ['/dev/stdin', 'inside /proc/<pid>/fd'],
  ])('%s read-only: %s', (path, expected) => {
    expect(verdict(path, false)).toBe(expected);
  });

  test('a mount that only contains them leaves them to the container\'s own credentials: accepted read-only, refused writable', () => {
    for (const path of ['/proc', '/proc/1', '/proc/self', '/proc/1/task', '/proc/sys/net', '/proc/1/cgroup']) {
      expect([path, verdict(path, false)]).toEqual([path, 'accepted']);
      expect([path, refused(path, true)]).toEqual([path, true]);
    }
  });

  test('only process directories are process directories', () => {
    expect(verdict('/proc/sys/root', false)).toBe('accepted');
    expect(verdict('/proc/net/fd', false)).toBe('accepted');
  });
});

describe('container runtimes of the common distributions: sockets and state, refused even read-only', () => {
  test.each([
    // Docker, cri-dockerd, dockershim
    '/var/run/docker.sock', '/var/lib/docker/containers', '/run/docker/plugins', '/run/cri-dockerd.sock', '/var/run/dockershim.sock',
    // containerd, CRI-O, Podman (containers/storage)
    '/run/containerd/containerd.sock', '/var/lib/containerd', '/run/crio/crio.sock', '/run/podman/podman.sock',
    '/var/lib/containers/storage', '/run/containers/0/auth.json',
    // rootless Docker and Podman
    '/run/user/1000/docker.sock', '/run/user/1000/podman/podman.sock',
    // k3s, RKE2
    '/run/k3s/containerd/containerd.sock', '/var/lib/rancher/k3s/server/token', '/var/lib/rancher/rke2', '/etc/rancher/k3s/k3s.yaml', '/etc/rancher/rke2/rke2.yaml',
    // k0s
    '/run/k0s/containerd.sock', '/var/lib/k0s/pki', '/var/lib/k0s/run/containerd.sock',
    // MicroK8s
    '/var/snap/microk8s/common/run/containerd.sock', '/var/snap/microk8s/current/credentials',
    // Bottlerocket, NRI
    '/run/host-containerd/containerd.sock', '/run/api.sock', '/run/nri/nri.sock',
  ])('%s', path => {
    expect(refused(path, false)).toBe(true);
  });
});

describe('which mounts reach a container runtime\'s socket: the checks ask the list, not a pattern of their own', () => {
  test('every entry that is a runtime\'s socket, or its directory, is marked so, and each is refused read-only', () => {
    const marked = SENSITIVE_HOST_PATHS.filter(e => e.runtimeSocket).map(e => e.path);
    expect(marked).toEqual(['/var/run/docker.sock', '/run/containerd', '/run/crio', '/var/run/cri-dockerd.sock', '/var/run/dockershim.sock',
      '/run/podman', '/run/k3s', '/run/k0s', '/run/host-containerd']);
    expect(SENSITIVE_HOST_PATHS.filter(e => e.runtimeSocket && !e.readSensitive)).toEqual([]);
    // The entries whose reason is a runtime socket's are exactly the marked ones.
    expect(SENSITIVE_HOST_PATHS.filter(e => e.why.endsWith('root on the node for whoever connects')).map(e => e.path)).toEqual(marked);
  });

  test.each([
    '/var/run/docker.sock', '/run/docker.sock', '/run/containerd', '/var/run/containerd/containerd.sock', '/run/crio/crio.sock',
    '/run/cri-dockerd.sock', '/run/dockershim.sock', '/var/run/podman/podman.sock', '/var/run/k3s/containerd/containerd.sock',
    '/var/run/k0s/containerd.sock', '/var/run/host-containerd/containerd.sock',
    // Sockets of rootless runtimes, MicroK8s and old k0s, found by their names as kube-linter finds them.
    '/run/user/1000/docker.sock', '/run/user/1000/podman/podman.sock', '/var/snap/microk8s/common/run/containerd.sock', '/var/lib/k0s/run/containerd.sock',
    '/data/docker/docker.sock', '//var/run/../run/./crio/crio.sock/',
  ])('%s reaches a runtime socket', path => {
    expect(isRuntimeSocket(path)).toBe(true);
  });

  test.each([
    '/', '/run', '/var/run', '/run/user', '/var/run/docker', '/var/lib/docker', '/var/lib/containerd', '/run/containers', '/run/nri/nri.sock',
    '/run/api.sock', '/run/dbus/system_bus_socket', '/var/lib/kubelet/device-plugins/kubelet.sock', '/run/containerd-agent', '/var/run/docker.sock/..',
  ])('%s does not (host-path-access reports what is sensitive in it)', path => {
    expect(isRuntimeSocket(path)).toBe(false);
  });

  test('sockets are named .sock or listed as sockets, in every spelling; directories are not sockets', () => {
    expect(['/run/xtables.sock', '/var/run/dbus/system_bus_socket', '/run/systemd/private', '/var/run/systemd/private', '/run/api.sock', '/var/run/docker.sock/'].map(isSocketPath))
      .toEqual([true, true, true, true, true, true]);
    expect(['/run/containerd', '/run/dbus', '/run/systemd', '/run/systemd/private/x', '/run/xtables.lock', '/var/run/docker.sock/..'].map(isSocketPath))
      .toEqual([false, false, false, false, false, false]);
  });
});

describe('the kubelet, the control plane and credentials', () => {
  test.each([
    '/var/lib/kubelet', '/var/lib/kubelet/pods', '/var/lib/kubelet/pki', '/etc/kubernetes/admin.conf', '/var/lib/etcd',
    '/run/kubernetes', '/root/.kube', '/home/admin', '/etc/shadow', '/etc/gshadow',
  ])('%s is refused read-only', path => {
    expect(refused(path, false)).toBe(true);
  });
});

describe('host services: the D-Bus system bus and systemd\'s private socket', () => {
  test.each([
    ['/run/dbus/system_bus_socket', 'is /run/dbus/system_bus_socket'],
    ['/run/dbus', 'contains /run/dbus/system_bus_socket'],
    ['/run/systemd/private', 'is /run/systemd/private'],
    ['/run/systemd', 'contains /run/systemd/private'],
  ])('%s read-only: %s', (path, expected) => {
    expect(verdict(path, false)).toBe(expected);
  });

  test('the journal\'s sockets are not the private socket', () => {
    expect(verdict('/run/systemd/journal', false)).toBe('accepted');
  });
});

describe('cron spools and CNI state: refused writable, accepted read-only', () => {
  test.each([
    ['/var/spool/cron', 'is /var/spool/cron'],
    ['/var/spool/cron/crontabs', 'inside /var/spool/cron'],
    ['/var/spool', 'contains /var/spool/cron'],
    ['/var/spool/at', 'is /var/spool/at'],
    ['/etc/cron.d', 'inside /etc'],
    ['/etc/crontab', 'inside /etc'],
    ['/var/lib/cni', 'is /var/lib/cni'],
    ['/var/lib/cni/networks', 'inside /var/lib/cni'],
  ])('%s writable: %s', (path, expected) => {
    expect(verdict(path, true)).toBe(expected);
    expect(verdict(path, false)).toBe('accepted');
  });
});

describe('paths are matched after normalisation', () => {
  test.each([
    ['//run//containerd/./', 'is /run/containerd'],
    ['/var/run/docker.sock/', 'is /var/run/docker.sock'],
    ['/var/./run/../run/docker.sock', 'is /var/run/docker.sock'],
    ['/tmp/../var/lib/kubelet', 'is /var/lib/kubelet'],
    // The node resolves /var/run to /run before it climbs: /var/run/.. is /, not /var.
    ['/var/run/../var/lib/kubelet', 'is /var/lib/kubelet'],
    ['/../../etc/kubernetes', 'is /etc/kubernetes'],
  ])('%s: %s', (path, expected) => {
    expect(verdict(path, false)).toBe(expected);
  });
});

test('a path of many segments is matched in linear time: the node\'s links sit at its top, not along it', () => {
  // 20,000 segments took seconds when every prefix was looked up among the links; linear, milliseconds.
  const long = `${'/a'.repeat(20000)}/docker.sock`;
  const start = process.hrtime.bigint();
  expect(sensitiveHostPath(long, false)).toBeUndefined();
  expect(sensitiveHostPath(`${long}/..`, true)).toBeUndefined();
  expect(isRuntimeSocket(long)).toBe(true);
  expect(isSocketPath(long)).toBe(true);
  expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500);
});

describe('the relation named is the most telling one', () => {
  test('the path itself, then the closest entry it is inside, then the first it contains', () => {
    expect(verdict('/etc/kubernetes', true)).toBe('is /etc/kubernetes');
    expect(verdict('/etc/kubernetes/manifests', true)).toBe('inside /etc/kubernetes');
    expect(verdict('/', false)).toBe('contains /var/run/docker.sock');
    expect(verdict('/var/lib', false)).toBe('contains /var/lib/docker');
  });

  test('read-only mounts are only refused for entries that are sensitive read-only', () => {
    // A write-sensitive directory may still contain a read-sensitive one (/etc holds /etc/kubernetes).
    const readOnly = SENSITIVE_HOST_PATHS.filter(e => !e.readSensitive).map(e => sensitiveHostPath(e.path, false)?.relation);
    expect(readOnly.filter(r => r !== undefined && r !== 'contains')).toEqual([]);
    expect(SENSITIVE_HOST_PATHS.map(e => refused(e.path.replace('<pid>', '1'), true))).not.toContain(false);
  });
});

describe('no over-blocking: what node agents legitimately mount stays accepted', () => {
  test.each([
    ['/var/log', false], ['/var/log/pods', false], ['/var/log/containers', false], ['/var/log/calico/cni', false],
    ['/sys', false], ['/sys/fs/bpf', false], ['/sys/kernel/security', false], ['/lib/modules', false], ['/usr/lib/modules', false],
    ['/run/xtables.lock', true], ['/var/run/xtables.lock', true], ['/etc/machine-id', false], ['/etc/localtime', false],
    ['/etc/os-release', false], ['/etc/passwd', false], ['/dev/kmsg', false], ['/dev', false], ['/boot', false], ['/usr', false],
    ['/etc/cni/net.d', false], ['/opt/cni/bin', false], ['/proc', false], ['/proc/1', false], ['/proc/sys/kernel', false],
    ['/run/flannel', true], ['/var/run/calico', true], ['/var/lib/calico', true], ['/var/run/cilium', true], ['/run/cilium/cgroupv2', false],
    ['/var/run/netns', false], ['/run/udev', false], ['/run/systemd/journal', false], ['/var/lib/fluent-bit', true],
    ['/var/run/aws-node', true], ['/var/run/datadog', true], ['/run/nvidia/mps', true], ['/var/run/cdi', true],
    ['/var/lib/cni', false], ['/var/spool/cron', false],
  ])('%s (writable: %s)', (path, writable) => {
    expect(verdict(path, writable)).toBe('accepted');
  });
});

test('docs/SENSITIVE-HOST-PATHS.md lists every entry', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'SENSITIVE-HOST-PATHS.md'), 'utf-8');
  expect(SENSITIVE_HOST_PATHS.filter(e => !doc.includes(`\`${e.path}\``)).map(e => e.path)).toEqual([]);
});

describe('through the construct: refused at synth with the library\'s error unless allowed', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'sensitive-host-paths-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  function synthErrors(path: string, options: { writable?: boolean; allowSensitive?: boolean } = {}): string[] {
    const app = new App({ outdir });
    const chart = new Chart(app, 'c', { namespace: 'kube-system' });
    new NodeAgentDaemonSet(chart, 'a').addContainer({ name: 'agent', image: 'agent' }).mountHostPath(HostPath.of(path), { reason: 'test', ...options });
    try {
      warningsOnly(() => app.synth());
      return [];
    } catch (e) {
      return errorLines((e as Error).message);
    }
  }

  test.each([
    ['/run/docker.sock', false, '[c/a] spec.template.spec.containers[0].volumeMounts[0]: containers["agent"] hostPath "/run/docker.sock" (read-only) is sensitive: the Docker socket'],
    ['/proc/1/root', false, '[c/a] spec.template.spec.containers[0].volumeMounts[0]: containers["agent"] hostPath "/proc/1/root" (read-only) is sensitive: the process\'s root directory'],
    ['/lib64', true, '[c/a] spec.template.spec.containers[0].volumeMounts[0]: containers["agent"] hostPath "/lib64" (read-write) is sensitive: the node\'s libraries'],
    ['/var/lib/cni/networks', true, '[c/a] spec.template.spec.containers[0].volumeMounts[0]: containers["agent"] hostPath "/var/lib/cni/networks" (read-write) is inside /var/lib/cni: CNI state'],
  ])('%s (writable: %s)', (path, writable, start) => {
    const errors = synthErrors(path, { writable });
    expect(errors).toEqual([expect.stringMatching(/allowSensitive: true, reason/)]);
    expect(errors[0].startsWith(start)).toBe(true);
    expect(synthErrors(path, { writable, allowSensitive: true })).toEqual([]);
  });

  test('the CNI directories are accepted read-only, and writable only when allowed', () => {
    expect(synthErrors('/etc/cni/net.d')).toEqual([]);
    expect(synthErrors('/opt/cni/bin')).toEqual([]);
    expect(synthErrors('/etc/cni/net.d', { writable: true })).toEqual([expect.stringContaining('hostPath "/etc/cni/net.d" (read-write) is inside /etc')]);
    expect(synthErrors('/opt/cni/bin', { writable: true, allowSensitive: true })).toEqual([]);
  });
});
