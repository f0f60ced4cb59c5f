import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { buildExamples } from '../examples/main';
import { NodeAgentDaemonSet, PodSecurityLevel } from '../src';
import { schemaValid } from './support/schema';

/**
 * The gallery: each example's host access, exactly. A grant is written
 * `privilege container target` (capability, path with ro/rw, or port/protocol).
 */
const EXPECTED: Record<string, { level: PodSecurityLevel; grants: string[] }> = {
  'kube-proxy': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostNetwork',
      'privileged kube-proxy',
      'writableRootFilesystem kube-proxy',
      'hostPath kube-proxy /run/xtables.lock rw',
      'hostPath kube-proxy /lib/modules ro',
    ],
  },
  'kindnet': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostNetwork',
      'capability kindnet-cni NET_RAW',
      'capability kindnet-cni NET_ADMIN',
      'hostPath kindnet-cni /etc/cni/net.d rw',
      'hostPath kindnet-cni /run/xtables.lock rw',
      'hostPath kindnet-cni /lib/modules ro',
      'hostPath kindnet-cni /var/run/nri rw',
    ],
  },
  'node-exporter': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostNetwork',
      'hostPID',
      'hostPath node-exporter /sys ro',
      'hostPath node-exporter / ro',
      'hostPort kube-rbac-proxy 9100/TCP',
    ],
  },
  'fluent-bit': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostPath fluent-bit /var/log ro',
      'hostPath fluent-bit /var/lib/docker/containers ro',
      'hostPath fluent-bit /etc/machine-id ro',
      'hostPath fluent-bit /var/lib/fluent-bit rw',
      'runAsRoot fluent-bit',
    ],
  },
  'flannel': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostNetwork',
      'hostPath install-cni-plugin /opt/cni/bin rw',
      'runAsRoot install-cni-plugin',
      'hostPath install-cni /etc/cni/net.d rw',
      'runAsRoot install-cni',
      'capability kube-flannel NET_ADMIN',
      'capability kube-flannel NET_RAW',
      'hostPath kube-flannel /run/flannel rw',
      'hostPath kube-flannel /run/xtables.lock rw',
    ],
  },
  'calico': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostNetwork',
      'hostPath upgrade-ipam /var/lib/cni/networks rw',
      'hostPath upgrade-ipam /opt/cni/bin ro',
      'runAsRoot upgrade-ipam',
      'hostPath install-cni /opt/cni/bin rw',
      'hostPath install-cni /etc/cni/net.d rw',
      'runAsRoot install-cni',
      'privileged ebpf-bootstrap',
      'hostPath ebpf-bootstrap /sys/fs rw',
      'hostPath ebpf-bootstrap /var/run/calico rw',
      'hostPath ebpf-bootstrap /proc/1 ro',
      'privileged calico-node',
      'writableRootFilesystem calico-node',
      'hostPath calico-node /etc/cni/net.d rw',
      'hostPath calico-node /lib/modules ro',
      'hostPath calico-node /run/xtables.lock rw',
      'hostPath calico-node /var/run/calico rw',
      'hostPath calico-node /var/lib/calico rw',
      'hostPath calico-node /var/run/nodeagent rw',
      'hostPath calico-node /sys/fs/bpf rw',
      'hostPath calico-node /sys/kernel/security ro',
      'hostPath calico-node /var/log/calico/cni ro',
    ],
  },
  'cilium': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostNetwork',
      'runAsRoot config',
      'capability mount-cgroup SYS_ADMIN',
      'capability mount-cgroup SYS_CHROOT',
      'capability mount-cgroup SYS_PTRACE',
      'seLinuxType mount-cgroup spc_t',
      'unconfinedAppArmor mount-cgroup',
      'hostPath mount-cgroup /proc ro',
      'hostPath mount-cgroup /opt/cni/bin rw',
      'capability apply-sysctl-overwrites SYS_ADMIN',
      'capability apply-sysctl-overwrites SYS_CHROOT',
      'capability apply-sysctl-overwrites SYS_PTRACE',
      'seLinuxType apply-sysctl-overwrites spc_t',
      'unconfinedAppArmor apply-sysctl-overwrites',
      'hostPath apply-sysctl-overwrites /proc ro',
      'hostPath apply-sysctl-overwrites /opt/cni/bin rw',
      'privileged mount-bpf-fs',
      'hostPath mount-bpf-fs /sys/fs/bpf rw',
      'capability clean-cilium-state NET_ADMIN',
      'capability clean-cilium-state SYS_MODULE',
      'capability clean-cilium-state SYS_ADMIN',
      'capability clean-cilium-state SYS_RESOURCE',
      'seLinuxType clean-cilium-state spc_t',
      'unconfinedAppArmor clean-cilium-state',
      'hostPath clean-cilium-state /sys/fs/bpf rw',
      'hostPath clean-cilium-state /run/cilium/cgroupv2 ro',
      'hostPath clean-cilium-state /var/run/cilium rw',
      'hostPath install-cni-binaries /opt/cni/bin rw',
      'runAsRoot install-cni-binaries',
      'capability cilium-agent CHOWN',
      'capability cilium-agent KILL',
      'capability cilium-agent NET_ADMIN',
      'capability cilium-agent NET_RAW',
      'capability cilium-agent IPC_LOCK',
      'capability cilium-agent SYS_MODULE',
      'capability cilium-agent SYS_ADMIN',
      'capability cilium-agent SYS_RESOURCE',
      'capability cilium-agent DAC_OVERRIDE',
      'capability cilium-agent FOWNER',
      'capability cilium-agent SETGID',
      'capability cilium-agent SETUID',
      'writableRootFilesystem cilium-agent',
      'seLinuxType cilium-agent spc_t',
      'unconfinedAppArmor cilium-agent',
      'hostPath cilium-agent /var/run/cilium rw',
      'hostPath cilium-agent /var/run/netns ro',
      'hostPath cilium-agent /sys/fs/bpf rw',
      'hostPath cilium-agent /etc/cni/net.d rw',
      'hostPath cilium-agent /lib/modules ro',
      'hostPath cilium-agent /run/xtables.lock rw',
      'hostPath cilium-agent /proc/sys/net rw',
      'hostPath cilium-agent /proc/sys/kernel rw',
    ],
  },
  'nvidia-device-plugin': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'hostPath nvidia-device-plugin-ctr /var/lib/kubelet/device-plugins rw',
      'runAsRoot nvidia-device-plugin-ctr',
    ],
  },
  'aws-ebs-csi-node': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'privileged ebs-plugin',
      'hostPath ebs-plugin /var/lib/kubelet rw',
      'hostPath ebs-plugin /var/lib/kubelet/plugins/ebs.csi.aws.com rw',
      'hostPath ebs-plugin /dev rw',
      'hostPath node-driver-registrar /var/lib/kubelet/plugins/ebs.csi.aws.com ro',
      'hostPath node-driver-registrar /var/lib/kubelet/plugins_registry rw',
      'runAsRoot node-driver-registrar',
      'hostPath liveness-probe /var/lib/kubelet/plugins/ebs.csi.aws.com ro',
      'runAsRoot liveness-probe',
    ],
  },
  'falco': {
    level: PodSecurityLevel.PRIVILEGED,
    grants: [
      'capability falco BPF',
      'capability falco SYS_RESOURCE',
      'capability falco PERFMON',
      'capability falco SYS_PTRACE',
      'hostPath falco /proc ro',
      'hostPath falco /etc ro',
      'hostPath falco /boot ro',
      'hostPath falco /run/containerd/containerd.sock ro',
      'hostPath falco /run/crio/crio.sock ro',
    ],
  },

};

const app = Testing.app();
buildExamples(app);

function agentOf(id: string): NodeAgentDaemonSet {
  const chart = app.charts.find(c => c.node.id === id)!;
  return chart.node.findAll().find(c => c instanceof NodeAgentDaemonSet) as NodeAgentDaemonSet;
}

test('every example is in the gallery', () => {
  expect(app.charts.map(c => c.node.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(Object.entries(EXPECTED))('%s', (id, expected) => {
  const agent = agentOf(id);

  test('synthesizes to objects that validate against the Kubernetes schema', () => {
    const chart = app.charts.find(c => c.node.id === id)!;
    expect(schemaValid(chart.toJson()).length).toBeGreaterThan(1);
  });

  test('holds exactly its grants', () => {
    const grants = agent.grants.map(g => [g.privilege, g.container ?? '', g.capability ?? g.seLinuxType ?? (g.path ? `${g.path} ${g.writable ? 'rw' : 'ro'}` : g.port ? `${g.port}/${g.protocol}` : '')].join(' ').trimEnd());
    expect(grants).toEqual(expected.grants);
  });

  test('gives a reason for every grant', () => {
    expect(agent.grants.filter(g => !g.reason)).toEqual([]);
  });

  test('needs the Pod Security level it reports', () => {
    expect(agent.podSecurity().level).toBe(expected.level);
  });
});

test('no example reaches for an escape hatch', () => {
  const dir = join(__dirname, '..', 'examples');
  for (const file of readdirSync(dir).filter(f => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf-8');
    expect([file, /addJsonPatch|JsonPatch|ApiObject\.of|k8s\.Kube[A-Z]/.test(source)]).toEqual([file, false]);
  }
});
