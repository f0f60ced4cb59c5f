// flannel, the CNI.
// Upstream: flannel-io/flannel Documentation/kube-flannel.yml (commit cdf76059, v0.28.9;
// in test/fixtures/corpus/flannel.yaml).
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentTolerations, Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from '../src';

export class FlannelChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-flannel', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-flannel', labels: { 'k8s-app': 'flannel' } } });

    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'flannel' } });
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'flannel' } });
    role.allow(['get'], kplus.ApiResource.PODS);
    role.allow(['get', 'list', 'watch'], kplus.ApiResource.NODES);
    role.allow(['patch'], kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/status' }));
    role.bind(serviceAccount);

    const config = kplus.ConfigMap.fromConfigMapName(this, 'Config', 'kube-flannel-cfg');
    const configVolume = kplus.Volume.fromConfigMap(this, 'ConfigVolume', config, { name: 'flannel-cfg' });
    const labels = { tier: 'node', app: 'flannel' };
    this.agent = new NodeAgentDaemonSet(this, 'Flannel', {
      metadata: { name: 'kube-flannel-ds', labels: { ...labels, 'k8s-app': 'flannel' } },
      podMetadata: { labels },
      serviceAccount,
      hostNetwork: { dns: HostNetworkDns.NODE, reason: 'sets up the node\'s overlay interface and routes; the pod network depends on it' },
      // Upstream tolerates only NoSchedule taints and misses NoExecute ones (flannel-io/flannel#1907): tolerate all.
      tolerations: AgentTolerations.ALL,
    });

    // Installing the plugin and its configuration happens in init containers, so the
    // long-running agent holds no writable mount of the CNI directories.
    const installPlugin = this.agent.addInitContainer({
      name: 'install-cni-plugin',
      image: 'ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3',
      command: ['cp'],
      args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
    });
    installPlugin.mountHostPath(HostPath.CNI_BIN, { writable: true, allowSensitive: true, reason: 'installs the flannel CNI plugin the kubelet runs' });
    installPlugin.grantRunAsRoot({ reason: '/opt/cni/bin belongs to root' });

    const installConfig = this.agent.addInitContainer({
      name: 'install-cni',
      image: 'ghcr.io/flannel-io/flannel:v0.28.9',
      command: ['/opt/bin/install-conf'],
      args: ['/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
    });
    installConfig.mountHostPath(HostPath.CNI_CONFIG, { writable: true, allowSensitive: true, reason: 'writes the CNI configuration the kubelet reads' });
    installConfig.mount('/etc/kube-flannel/', configVolume);
    installConfig.grantRunAsRoot({ reason: '/etc/cni/net.d belongs to root' });

    const flannel = this.agent.addContainer({
      name: 'kube-flannel',
      image: 'ghcr.io/flannel-io/flannel:v0.28.9',
      command: ['/opt/bin/flanneld'],
      args: ['--ip-masq', '--kube-subnet-mgr', '--healthz-port=8081'],
      ports: [{ name: 'healthz', number: 8081 }],
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8081, initialDelaySeconds: Duration.seconds(10), periodSeconds: Duration.seconds(30) }),
      readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8081, initialDelaySeconds: Duration.seconds(5), periodSeconds: Duration.seconds(10) }),
      envVariables: {
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
        EVENT_QUEUE_DEPTH: kplus.EnvValue.fromValue('5000'),
        CONT_WHEN_CACHE_NOT_READY: kplus.EnvValue.fromValue('false'),
      },
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(50), limit: Size.mebibytes(256) } },
    });
    flannel.grantCapabilities([Capability.NET_ADMIN, Capability.NET_RAW], { reason: 'programs routes, VXLAN devices and masquerading rules; not privileged' });
    flannel.mountHostPath(HostPath.of('/run/flannel', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), { writable: true, reason: 'writes subnet.env, which the CNI plugin reads' });
    flannel.mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'takes the iptables lock shared with the node and other agents' });
    flannel.mount('/etc/kube-flannel/', configVolume);
  }
}
