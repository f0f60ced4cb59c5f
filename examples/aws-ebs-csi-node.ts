// The AWS EBS CSI driver's node plugin, with the node-driver-registrar and livenessprobe sidecars.
// Upstream: kubernetes-sigs/aws-ebs-csi-driver deploy/kubernetes/base/node.yaml and the node
// ClusterRole beside it (commit 429e202e, v1.64.0; in test/fixtures/corpus/aws-ebs-csi-node.yaml).
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentUpdateStrategy, HostPath, NodeAgentDaemonSet, NodeAgentNamespace, TerminationMessagePolicy } from '../src';

export class AwsEbsCsiNodeChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-system' } });

    const labels = { 'app.kubernetes.io/name': 'aws-ebs-csi-driver' };
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'ebs-csi-node-sa', labels } });
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'ebs-csi-node-role', labels } });
    role.allow(['get', 'list', 'watch'], kplus.ApiResource.custom({ apiGroup: 'storage.k8s.io', resourceType: 'volumeattachments' }));
    role.allow(['get', 'patch', 'list', 'watch'], kplus.ApiResource.NODES);
    role.allow(['get'], kplus.ApiResource.custom({ apiGroup: 'storage.k8s.io', resourceType: 'csinodes' }));
    role.bind(serviceAccount);

    this.agent = new NodeAgentDaemonSet(this, 'EbsCsiNode', {
      metadata: { name: 'ebs-csi-node', labels },
      podMetadata: { labels: { app: 'ebs-csi-node', ...labels } },
      serviceAccount,
      updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
      revisionHistoryLimit: 10,
      terminationGracePeriod: Duration.seconds(30),
    });
    this.agent.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn('eks.amazonaws.com/compute-type', ['fargate', 'auto', 'hybrid'])));

    const pluginDir = HostPath.of('/var/lib/kubelet/plugins/ebs.csi.aws.com/', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE);
    const plugin = this.agent.addAgentContainer({
      name: 'ebs-plugin',
      terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR,
      image: 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.64.0',
      args: ['node', '--endpoint=$(CSI_ENDPOINT)', '--csi-mount-point-prefix=/var/lib/kubelet/plugins/kubernetes.io/csi/ebs.csi.aws.com/', '--logging-format=text', '--v=2'],
      envVariables: {
        CSI_ENDPOINT: kplus.EnvValue.fromValue('unix:/csi/csi.sock'),
        CSI_NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
      },
      ports: [{ name: 'healthz', number: 9808 }],
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 9808, initialDelaySeconds: Duration.seconds(10), timeoutSeconds: Duration.seconds(3), periodSeconds: Duration.seconds(10), failureThreshold: 5 }),
      readiness: kplus.Probe.fromHttpGet('/healthz', { port: 9808, timeoutSeconds: Duration.seconds(3), periodSeconds: Duration.seconds(5), failureThreshold: 3 }),
      lifecycle: { preStop: kplus.Handler.fromCommand(['/bin/aws-ebs-csi-driver', 'pre-stop-hook']) },
      resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(40), limit: Size.mebibytes(256) } },
    });
    plugin.grantPrivileged({ reason: 'formats and mounts block devices, and propagates the mounts back to the kubelet (Bidirectional)' });
    plugin.mountHostPath(HostPath.KUBELET_DIR, {
      writable: true,
      allowSensitive: true,
      propagation: kplus.MountPropagation.BIDIRECTIONAL,
      reason: 'mounts volumes under the kubelet\'s pod directories',
    });
    plugin.mountHostPath(pluginDir, { mountPath: '/csi', writable: true, allowSensitive: true, reason: 'serves csi.sock for the kubelet' });
    plugin.mountHostPath(HostPath.DEV, { writable: true, allowSensitive: true, reason: 'finds and formats the attached EBS devices' });

    const registrar = this.agent.addAgentContainer({
      name: 'node-driver-registrar',
      terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR,
      image: 'public.ecr.aws/csi-components/csi-node-driver-registrar:v2.17.0-eksbuild.5',
      args: ['--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--http-endpoint=0.0.0.0:9809', '--v=2'],
      envVariables: {
        ADDRESS: kplus.EnvValue.fromValue('/csi/csi.sock'),
        DRIVER_REG_SOCK_PATH: kplus.EnvValue.fromValue('/var/lib/kubelet/plugins/ebs.csi.aws.com/csi.sock'),
      },
      ports: [{ name: 'healthz-ndr', number: 9809 }],
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 9809, initialDelaySeconds: Duration.seconds(30), periodSeconds: Duration.seconds(90), timeoutSeconds: Duration.seconds(15) }),
      resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) } },
    });
    // Upstream mounts the plugin directory read-write in the sidecars; connecting to a socket needs no more than read-only.
    registrar.mountHostPath(pluginDir, { mountPath: '/csi', allowSensitive: true, reason: 'connects to the driver\'s csi.sock' });
    registrar.mountHostPath(HostPath.KUBELET_PLUGINS_REGISTRY, { mountPath: '/registration', writable: true, allowSensitive: true, reason: 'registers the driver with the kubelet' });
    registrar.grantRunAsRoot({ reason: 'creates its registration socket in a root-owned kubelet directory' });

    const probe = this.agent.addAgentContainer({
      name: 'liveness-probe',
      terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR,
      image: 'public.ecr.aws/csi-components/livenessprobe:v2.19.0-eksbuild.5',
      args: ['--csi-address=/csi/csi.sock'],
      resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) } },
    });
    probe.mountHostPath(pluginDir, { mountPath: '/csi', allowSensitive: true, reason: 'probes the driver over csi.sock' });
    probe.grantRunAsRoot({ reason: 'csi.sock belongs to root' });
  }
}
