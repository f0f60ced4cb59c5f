// Calico node (calico-node DaemonSet) from the manifest-based install.
// Upstream: projectcalico/calico manifests/calico.yaml (commit 87c15906; in
// test/fixtures/corpus/calico.yaml); RBAC abridged to the rules calico-node uses most.
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentTolerations, HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from '../src';

export class CalicoChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-system' } });

    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'calico-node' } });
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'calico-node' } });
    role.allow(['get', 'list', 'watch'], kplus.ApiResource.PODS, kplus.ApiResource.NODES, kplus.ApiResource.NAMESPACES,
      kplus.ApiResource.SERVICES, kplus.ApiResource.ENDPOINTS, kplus.ApiResource.NETWORK_POLICIES,
      kplus.ApiResource.custom({ apiGroup: 'discovery.k8s.io', resourceType: 'endpointslices' }));
    role.allow(['patch'], kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/status' }), kplus.ApiResource.custom({ apiGroup: '', resourceType: 'pods/status' }));
    role.allow(['create'], kplus.ApiResource.custom({ apiGroup: '', resourceType: 'serviceaccounts/token' }));
    role.allow(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], kplus.ApiResource.custom({ apiGroup: 'crd.projectcalico.org', resourceType: '*' }));
    role.bind(serviceAccount);

    const config = kplus.ConfigMap.fromConfigMapName(this, 'Config', 'calico-config');
    this.agent = new NodeAgentDaemonSet(this, 'CalicoNode', {
      metadata: { name: 'calico-node', labels: { 'k8s-app': 'calico-node' } },
      podMetadata: { labels: { 'k8s-app': 'calico-node' } },
      serviceAccount,
      hostNetwork: { dns: HostNetworkDns.NODE, reason: 'routes pod traffic and runs BGP on the node\'s interfaces; the pod network depends on it' },
      tolerations: AgentTolerations.NO_SCHEDULE_AND_NO_EXECUTE,
      // Upstream sets 0, so its preStop shutdown never runs (projectcalico/calico#8691).
      terminationGracePeriod: Duration.seconds(5),
    });
    this.agent.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('CriticalAddonsOnly')));
    const nodeName = kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME);
    const backend = kplus.EnvValue.fromConfigMap(config, 'calico_backend');
    const mtu = kplus.EnvValue.fromConfigMap(config, 'veth_mtu');

    // Upstream runs both file-copying init containers privileged; root with writable mounts is enough.
    const upgradeIpam = this.agent.addAgentInitContainer({
      name: 'upgrade-ipam',
      image: 'quay.io/calico/cni:v3.31.0',
      optionalEnvFromConfigMaps: ['kubernetes-services-endpoint'],
      command: ['/opt/cni/bin/calico-ipam', '-upgrade'],
      envVariables: { KUBERNETES_NODE_NAME: nodeName, CALICO_NETWORKING_BACKEND: backend },
    });
    // Writable CNI state is sensitive (it decides which pod owns which address): allowed because
    // migrating the host-local leases is this container's whole job, once, before calico-node starts.
    upgradeIpam.mountHostPath(HostPath.of('/var/lib/cni/networks'), { writable: true, allowSensitive: true, reason: 'migrates host-local IPAM state to Calico IPAM' });
    upgradeIpam.mountHostPath(HostPath.CNI_BIN, { mountPath: '/host/opt/cni/bin', allowSensitive: true, reason: 'runs the installed calico-ipam; read-only' });
    upgradeIpam.grantRunAsRoot({ reason: 'IPAM state belongs to root' });

    const installCni = this.agent.addAgentInitContainer({
      name: 'install-cni',
      image: 'quay.io/calico/cni:v3.31.0',
      optionalEnvFromConfigMaps: ['kubernetes-services-endpoint'],
      command: ['/opt/cni/bin/install'],
      envVariables: {
        CNI_CONF_NAME: kplus.EnvValue.fromValue('10-calico.conflist'),
        CNI_NETWORK_CONFIG: kplus.EnvValue.fromConfigMap(config, 'cni_network_config'),
        KUBERNETES_NODE_NAME: nodeName,
        CNI_MTU: mtu,
        SLEEP: kplus.EnvValue.fromValue('false'),
      },
    });
    installCni.mountHostPath(HostPath.CNI_BIN, { mountPath: '/host/opt/cni/bin', writable: true, allowSensitive: true, reason: 'installs the calico and calico-ipam CNI plugins' });
    installCni.mountHostPath(HostPath.CNI_CONFIG, { mountPath: '/host/etc/cni/net.d', writable: true, allowSensitive: true, reason: 'writes the CNI configuration the kubelet reads' });
    installCni.grantRunAsRoot({ reason: 'the CNI directories belong to root' });

    const bootstrap = this.agent.addAgentInitContainer({
      name: 'ebpf-bootstrap',
      image: 'quay.io/calico/node:v3.31.0',
      command: ['calico', 'component', 'node', 'init', '--best-effort'],
    });
    bootstrap.grantPrivileged({ reason: 'mounts the BPF filesystem on the node (Bidirectional propagation needs privileged)' });
    bootstrap.mountHostPath(HostPath.of('/sys/fs/', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { mountPath: '/sys/fs', writable: true, allowSensitive: true, propagation: kplus.MountPropagation.BIDIRECTIONAL, reason: 'mounts bpffs for the eBPF dataplane' });
    bootstrap.mountHostPath(HostPath.of('/var/run/calico', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, propagation: kplus.MountPropagation.BIDIRECTIONAL, reason: 'shares Calico\'s run directory with calico-node' });
    bootstrap.mountHostPath(HostPath.of('/proc/1', kplus.HostPathVolumeType.DIRECTORY), { mountPath: '/nodeproc', reason: 'enters the node\'s mount namespace; read-only' });

    const node = this.agent.addAgentContainer({
      name: 'calico-node',
      image: 'quay.io/calico/node:v3.31.0',
      // Set by the operator in eBPF mode, where the API server must be reached without kube-proxy.
      optionalEnvFromConfigMaps: ['kubernetes-services-endpoint'],
      envVariables: {
        DATASTORE_TYPE: kplus.EnvValue.fromValue('kubernetes'),
        WAIT_FOR_DATASTORE: kplus.EnvValue.fromValue('true'),
        NODENAME: nodeName,
        CALICO_NETWORKING_BACKEND: backend,
        CLUSTER_TYPE: kplus.EnvValue.fromValue('k8s,bgp'),
        IP: kplus.EnvValue.fromValue('autodetect'),
        CALICO_IPV4POOL_IPIP: kplus.EnvValue.fromValue('Always'),
        CALICO_IPV4POOL_VXLAN: kplus.EnvValue.fromValue('Never'),
        CALICO_IPV6POOL_VXLAN: kplus.EnvValue.fromValue('Never'),
        FELIX_IPINIPMTU: mtu,
        FELIX_VXLANMTU: mtu,
        FELIX_WIREGUARDMTU: mtu,
        CALICO_DISABLE_FILE_LOGGING: kplus.EnvValue.fromValue('true'),
        FELIX_DEFAULTENDPOINTTOHOSTACTION: kplus.EnvValue.fromValue('ACCEPT'),
        FELIX_IPV6SUPPORT: kplus.EnvValue.fromValue('false'),
        FELIX_HEALTHENABLED: kplus.EnvValue.fromValue('true'),
      },
      liveness: kplus.Probe.fromCommand(['/bin/calico-node', '-felix-live', '-bird-live'], { periodSeconds: Duration.seconds(10), initialDelaySeconds: Duration.seconds(10), failureThreshold: 6, timeoutSeconds: Duration.seconds(10) }),
      readiness: kplus.Probe.fromCommand(['/bin/calico-node', '-felix-ready', '-bird-ready'], { periodSeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(10) }),
      lifecycle: { preStop: kplus.Handler.fromCommand(['/bin/calico-node', '-shutdown']) },
      resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } },
    });
    node.grantPrivileged({ reason: 'Felix programs iptables, routes and eBPF programs; BIRD peers over BGP' });
    node.grantWritableRootFilesystem({ reason: 'calico-node writes its runtime state and BIRD configuration into its own filesystem' });
    node.mountHostPath(HostPath.CNI_CONFIG, { mountPath: '/host/etc/cni/net.d', writable: true, allowSensitive: true, reason: 'keeps the CNI configuration\'s token current' });
    node.mountHostPath(HostPath.LIB_MODULES, { reason: 'loads kernel modules for IPIP, VXLAN and WireGuard' });
    node.mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'takes the iptables lock shared with the node and other agents' });
    node.mountHostPath(HostPath.of('/var/run/calico', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, reason: 'runtime state shared with the CNI plugin' });
    node.mountHostPath(HostPath.of('/var/lib/calico', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, reason: 'persists the node name and IPAM state across restarts' });
    node.mountHostPath(HostPath.of('/var/run/nodeagent', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, reason: 'serves the policy sync API to other agents' });
    node.mountHostPath(HostPath.SYS_FS_BPF, { writable: true, allowSensitive: true, reason: 'pins eBPF maps and programs' });
    node.mountHostPath(HostPath.of('/sys/kernel/security', kplus.HostPathVolumeType.DIRECTORY), { reason: 'reads kernel lockdown state; read-only' });
    node.mountHostPath(HostPath.of('/var/log/calico/cni', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { reason: 'exposes the CNI plugin\'s logs; read-only' });
  }
}
