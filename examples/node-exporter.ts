// Prometheus node-exporter as kube-prometheus deploys it.
// Upstream: prometheus-operator/kube-prometheus manifests/nodeExporter-daemonset.yaml,
// nodeExporter-serviceAccount.yaml, nodeExporter-clusterRole.yaml, nodeExporter-clusterRoleBinding.yaml
// (commit 4d719f1d, node-exporter 1.12.1; in test/fixtures/corpus/node-exporter.yaml).
import { Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace, PriorityClass } from '../src';

export class NodeExporterChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'monitoring', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'monitoring' } });

    const labels = { 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/component': 'exporter', 'app.kubernetes.io/part-of': 'kube-prometheus' };
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'node-exporter', labels } });
    // kube-rbac-proxy authenticates and authorizes every scrape.
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'node-exporter', labels } });
    role.allow(['create'], kplus.ApiResource.custom({ apiGroup: 'authentication.k8s.io', resourceType: 'tokenreviews' }));
    role.allow(['create'], kplus.ApiResource.custom({ apiGroup: 'authorization.k8s.io', resourceType: 'subjectaccessreviews' }));
    role.bind(serviceAccount);

    this.agent = new NodeAgentDaemonSet(this, 'NodeExporter', {
      metadata: { name: 'node-exporter', labels },
      podMetadata: { labels, annotations: { 'kubectl.kubernetes.io/default-container': 'node-exporter' } },
      serviceAccount,
      priorityClass: PriorityClass.SYSTEM_CLUSTER_CRITICAL,
      hostNetwork: { dns: HostNetworkDns.NODE, reason: 'reports the node\'s network devices and is scraped on the node address' },
      hostPid: { reason: 'reads the processes of the node for the processes collector' },
      securityContext: { user: 65534, group: 65534, ensureNonRoot: true },
    });

    // Upstream adds SYS_TIME, which a non-root process never holds: not granted here.
    const exporter = this.agent.addContainer({
      name: 'node-exporter',
      image: 'quay.io/prometheus/node-exporter:v1.12.1',
      args: [
        '--web.listen-address=127.0.0.1:9101', '--path.sysfs=/host/sys', '--path.rootfs=/host/root',
        '--path.procfs=/host/root/proc', '--path.udev.data=/host/root/run/udev/data',
        '--no-collector.wifi', '--no-collector.hwmon', '--no-collector.btrfs',
        '--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)',
        '--collector.netclass.ignored-devices=^(veth.*|[a-f0-9]{15})$', '--collector.netdev.device-exclude=^(veth.*|[a-f0-9]{15})$',
      ],
      securityContext: { user: 65534, group: 65534 },
      resources: {
        cpu: { request: kplus.Cpu.millis(102), limit: kplus.Cpu.millis(250) },
        memory: { request: Size.mebibytes(180), limit: Size.mebibytes(180) },
      },
    });
    exporter.mountHostPath(HostPath.SYS, { mountPath: '/host/sys', propagation: kplus.MountPropagation.HOST_TO_CONTAINER, reason: 'hardware, network and pressure metrics' });
    exporter.mountHostPath(HostPath.ROOT, {
      mountPath: '/host/root',
      propagation: kplus.MountPropagation.HOST_TO_CONTAINER,
      allowSensitive: true,
      reason: 'filesystem usage of every mount of the node; read-only',
    });

    const proxy = this.agent.addContainer({
      name: 'kube-rbac-proxy',
      image: 'quay.io/brancz/kube-rbac-proxy:v0.22.1',
      args: ['--secure-listen-address=[$(IP)]:9100', '--upstream=http://127.0.0.1:9101/',
        '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305'],
      envVariables: { IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP) },
      securityContext: { user: 65532, group: 65532 },
      resources: {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(20) },
        memory: { request: Size.mebibytes(20), limit: Size.mebibytes(40) },
      },
    });
    proxy.grantHostPort(9100, { name: 'https', reason: 'Prometheus scrapes every node on its own address' });
  }
}
