// The Cilium agent, as the Cilium Helm chart renders it with default values.
// Upstream: cilium/cilium install/kubernetes/cilium/templates/cilium-agent/daemonset.yaml
// (commit 7d65d926), clusterrole.yaml (21d690e1), values.yaml (c547745f). Image tag chosen for the example.
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentContainer, AgentUpdateStrategy, Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace, TerminationMessagePolicy } from '../src';

const IMAGE = 'quay.io/cilium/cilium:v1.18.2';

export class CiliumChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-system' } });

    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'cilium' } });
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'cilium' } });
    role.allow(['get', 'list', 'watch'], kplus.ApiResource.NAMESPACES, kplus.ApiResource.SERVICES, kplus.ApiResource.PODS,
      kplus.ApiResource.ENDPOINTS, kplus.ApiResource.NODES, kplus.ApiResource.NETWORK_POLICIES,
      kplus.ApiResource.custom({ apiGroup: 'discovery.k8s.io', resourceType: 'endpointslices' }),
      kplus.ApiResource.custom({ apiGroup: 'apiextensions.k8s.io', resourceType: 'customresourcedefinitions' }));
    role.allow(['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'], kplus.ApiResource.custom({ apiGroup: 'cilium.io', resourceType: '*' }));
    role.bind(serviceAccount);
    const config = kplus.ConfigMap.fromConfigMapName(this, 'Config', 'cilium-config');

    this.agent = new NodeAgentDaemonSet(this, 'Agent', {
      metadata: { name: 'cilium', labels: { 'k8s-app': 'cilium', 'app.kubernetes.io/part-of': 'cilium' } },
      podMetadata: { labels: { 'k8s-app': 'cilium', 'app.kubernetes.io/name': 'cilium-agent' } },
      serviceAccount,
      hostNetwork: { dns: HostNetworkDns.NODE, reason: 'attaches eBPF programs to the node\'s interfaces; the pod network depends on it' },
      updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(2) }),
      terminationGracePeriod: Duration.seconds(1),
    });
    const nodeName = kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME);
    const namespace = kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE);
    const mountAndSysctl = [Capability.SYS_ADMIN, Capability.SYS_CHROOT, Capability.SYS_PTRACE];
    // As the chart does for the agent and the init containers that use capabilities.
    const unconfine = (c: AgentContainer) => {
      c.grantSeLinuxType('spc_t', { reason: 'SELinux hosts: container types may not load eBPF programs or mount bpffs' });
      c.grantUnconfinedAppArmor({ reason: 'AppArmor hosts: the default profile forbids the mounts and eBPF operations Cilium needs' });
    };

    const configInit = this.agent.addAgentInitContainer({
      name: 'config',
      image: IMAGE,
      command: ['cilium-dbg', 'build-config'],
      envVariables: { K8S_NODE_NAME: nodeName, CILIUM_K8S_NAMESPACE: namespace },
    });
    const tmp = kplus.Volume.fromEmptyDir(this, 'TmpVolume', 'tmp');
    configInit.mount('/tmp', tmp);
    configInit.grantRunAsRoot({ reason: 'the Cilium image runs as root' });

    const mountCgroup = this.agent.addAgentInitContainer({
      name: 'mount-cgroup',
      image: IMAGE,
      command: ['sh', '-ec', 'cp /usr/bin/cilium-mount /hostbin/cilium-mount; nsenter --cgroup=/hostproc/1/ns/cgroup --mount=/hostproc/1/ns/mnt "${BIN_PATH}/cilium-mount" $CGROUP_ROOT; rm /hostbin/cilium-mount'],
      envVariables: { CGROUP_ROOT: kplus.EnvValue.fromValue('/run/cilium/cgroupv2'), BIN_PATH: kplus.EnvValue.fromValue('/opt/cni/bin') },
    });
    mountCgroup.grantCapabilities(mountAndSysctl, { reason: 'enters the node\'s mount namespace to mount the cgroup2 filesystem' });
    unconfine(mountCgroup);
    mountCgroup.mountHostPath(HostPath.PROC, { mountPath: '/hostproc', allowSensitive: true, reason: 'finds the node\'s namespaces through /proc/1/ns' });
    mountCgroup.mountHostPath(HostPath.CNI_BIN, { mountPath: '/hostbin', writable: true, allowSensitive: true, reason: 'stages the mount helper where the node can run it' });

    const sysctls = this.agent.addAgentInitContainer({
      name: 'apply-sysctl-overwrites',
      image: IMAGE,
      command: ['sh', '-ec', 'cp /usr/bin/cilium-sysctlfix /hostbin/cilium-sysctlfix; nsenter --mount=/hostproc/1/ns/mnt "${BIN_PATH}/cilium-sysctlfix"; rm /hostbin/cilium-sysctlfix'],
      envVariables: { BIN_PATH: kplus.EnvValue.fromValue('/opt/cni/bin') },
    });
    sysctls.grantCapabilities(mountAndSysctl, { reason: 'overrides systemd\'s rp_filter settings in the node\'s namespace' });
    unconfine(sysctls);
    sysctls.mountHostPath(HostPath.PROC, { mountPath: '/hostproc', allowSensitive: true, reason: 'finds the node\'s mount namespace' });
    sysctls.mountHostPath(HostPath.CNI_BIN, { mountPath: '/hostbin', writable: true, allowSensitive: true, reason: 'stages the sysctl helper where the node can run it' });

    // Only this init container is privileged: the Bidirectional bpffs mount needs it, so the agent itself need not be.
    const mountBpf = this.agent.addAgentInitContainer({ name: 'mount-bpf-fs', image: IMAGE, command: ['/bin/bash', '-c', '--'], args: ['mount | grep "/sys/fs/bpf type bpf" || mount -t bpf bpf /sys/fs/bpf'] });
    mountBpf.grantPrivileged({ reason: 'mounts the BPF filesystem on the node with Bidirectional propagation' });
    mountBpf.mountHostPath(HostPath.SYS_FS_BPF, { writable: true, allowSensitive: true, propagation: kplus.MountPropagation.BIDIRECTIONAL, reason: 'mounts bpffs so pinned maps survive agent restarts' });

    const clean = this.agent.addAgentInitContainer({
      name: 'clean-cilium-state',
      image: IMAGE,
      command: ['/init-container.sh'],
      envVariables: { CILIUM_ALL_STATE: kplus.EnvValue.fromConfigMap(config, 'clean-cilium-state', { optional: true }), CILIUM_BPF_STATE: kplus.EnvValue.fromConfigMap(config, 'clean-cilium-bpf-state', { optional: true }) },
    });
    clean.grantCapabilities([Capability.NET_ADMIN, Capability.SYS_MODULE, Capability.SYS_ADMIN, Capability.SYS_RESOURCE], { reason: 'removes stale interfaces, routes and BPF state on request' });
    unconfine(clean);
    clean.mountHostPath(HostPath.SYS_FS_BPF, { writable: true, allowSensitive: true, propagation: kplus.MountPropagation.HOST_TO_CONTAINER, reason: 'removes pinned BPF state' });
    clean.mountHostPath(HostPath.of('/run/cilium/cgroupv2', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { mountPath: '/run/cilium/cgroupv2', propagation: kplus.MountPropagation.HOST_TO_CONTAINER, reason: 'finds cgroup-attached programs' });
    clean.mountHostPath(HostPath.of('/var/run/cilium', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, reason: 'clears the agent\'s state directory' });

    const installCni = this.agent.addAgentInitContainer({ name: 'install-cni-binaries', image: IMAGE, command: ['/install-plugin.sh'] });
    installCni.mountHostPath(HostPath.CNI_BIN, { mountPath: '/host/opt/cni/bin', writable: true, allowSensitive: true, reason: 'installs the cilium-cni plugin, in an init container so the agent holds no writable mount of it' });
    installCni.grantRunAsRoot({ reason: '/opt/cni/bin belongs to root' });

    const health = (path: string) => kplus.Probe.fromHttpGet(path, { port: 9879, host: '127.0.0.1' });
    const agent = this.agent.addAgentContainer({
      name: 'cilium-agent',
      terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR,
      image: IMAGE,
      command: ['cilium-agent'],
      args: ['--config-dir=/tmp/cilium/config-map'],
      envVariables: {
        K8S_NODE_NAME: nodeName,
        CILIUM_K8S_NAMESPACE: namespace,
        CILIUM_CLUSTERMESH_CONFIG: kplus.EnvValue.fromValue('/var/lib/cilium/clustermesh/'),
        GOMEMLIMIT: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_LIMIT),
      },
      startup: health('/healthz'),
      liveness: health('/healthz'),
      readiness: health('/healthz'),
      lifecycle: { preStop: kplus.Handler.fromCommand(['/cni-uninstall.sh']) },
      // Upstream sets no resources, so GOMEMLIMIT would read the node's allocatable memory.
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(512), limit: Size.gibibytes(2) } },
    });
    agent.grantCapabilities([Capability.CHOWN, Capability.KILL, Capability.NET_ADMIN, Capability.NET_RAW, Capability.IPC_LOCK, Capability.SYS_MODULE,
      Capability.SYS_ADMIN, Capability.SYS_RESOURCE, Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETGID, Capability.SETUID],
    { reason: 'loads eBPF programs, manages devices, routes and its state files; named capabilities instead of privileged' });
    agent.grantWritableRootFilesystem({ reason: 'writes its runtime configuration and socket files into its own filesystem' });
    unconfine(agent);
    agent.mountHostPath(HostPath.of('/var/run/cilium', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, reason: 'agent state and the API socket the CNI plugin uses' });
    agent.mountHostPath(HostPath.of('/var/run/netns', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { propagation: kplus.MountPropagation.HOST_TO_CONTAINER, reason: 'sees pod network namespaces; read-only' });
    agent.mountHostPath(HostPath.SYS_FS_BPF, { writable: true, allowSensitive: true, propagation: kplus.MountPropagation.HOST_TO_CONTAINER, reason: 'pins eBPF maps and programs' });
    agent.mountHostPath(HostPath.CNI_CONFIG, { mountPath: '/host/etc/cni/net.d', writable: true, allowSensitive: true, reason: 'writes the CNI configuration once the agent is ready' });
    agent.mountHostPath(HostPath.LIB_MODULES, { reason: 'loads kernel modules it needs' });
    agent.mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'takes the iptables lock shared with the node and other agents' });
    agent.mountHostPath(HostPath.of('/proc/sys/net', kplus.HostPathVolumeType.DIRECTORY), { mountPath: '/host/proc/sys/net', writable: true, allowSensitive: true, reason: 'sets per-interface network sysctls' });
    agent.mountHostPath(HostPath.of('/proc/sys/kernel', kplus.HostPathVolumeType.DIRECTORY), { mountPath: '/host/proc/sys/kernel', writable: true, allowSensitive: true, reason: 'sets unprivileged BPF and related kernel sysctls' });
    agent.mount('/tmp', tmp);
  }
}
