// kindnet, the default CNI of kind.
// Upstream: kubernetes-sigs/kind pkg/build/nodeimage/const_cni.go (kindnetd; commit fed26882).
import { Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace, Scanner, ScannerAcknowledgements } from '../src';

export class KindnetChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });

    // A team that lints its manifests with kube-linter: the agent's grants are acknowledged to it,
    // with their reasons, so that they do not fail the lint (no other scanner's annotations).
    ScannerAcknowledgements.only(this, [Scanner.KUBE_LINTER]);

    // Pod Security labels for the namespace, computed from the agents placed in it.
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-system' } });

    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'kindnet' } });
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'kindnet' } });
    role.allow(['list', 'watch'], kplus.ApiResource.NODES, kplus.ApiResource.PODS, kplus.ApiResource.NAMESPACES, kplus.ApiResource.NETWORK_POLICIES);
    role.bind(serviceAccount);

    const labels = { 'tier': 'node', 'app': 'kindnet', 'k8s-app': 'kindnet' };
    this.agent = new NodeAgentDaemonSet(this, 'Kindnet', {
      metadata: { name: 'kindnet', labels },
      podMetadata: { labels },
      serviceAccount,
      hostNetwork: { dns: HostNetworkDns.NODE, reason: 'configures routes and the node\'s CNI; the pod network depends on it' },
      containers: [{
        name: 'kindnet-cni',
        image: 'docker.io/kindest/kindnetd:v20250512-df8de77b',
        envVariables: {
          HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP),
          POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
          POD_SUBNET: kplus.EnvValue.fromValue('10.244.0.0/16'),
        },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(100) },
          memory: { request: Size.mebibytes(50), limit: Size.mebibytes(50) },
        },
        capabilities: {
          add: [Capability.NET_RAW, Capability.NET_ADMIN],
          reason: 'manages routes, iptables masquerading and network policies; not privileged',
        },
        hostPaths: [
          { hostPath: HostPath.CNI_CONFIG, writable: true, allowSensitive: true, reason: 'writes the CNI configuration the kubelet reads' },
          { hostPath: HostPath.XTABLES_LOCK, writable: true, reason: 'takes the iptables lock shared with the node and other agents' },
          { hostPath: HostPath.LIB_MODULES, reason: 'reads kernel modules for nftables/iptables' },
          // The NRI socket lets a plugin change every container the runtime creates: sensitive, and
          // allowed because kindnetd runs as an NRI plugin of the runtime, as upstream deploys it.
          {
            hostPath: HostPath.of('/var/run/nri', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE),
            writable: true,
            allowSensitive: true,
            reason: 'serves the NRI plugin socket the container runtime connects to',
          },
        ],
      }],
    });
  }
}
