// Fluent Bit, the log shipper, as its Helm chart deploys it with default values.
// Upstream: fluent/helm-charts charts/fluent-bit templates/daemonset.yaml, _pod.tpl,
// clusterrole.yaml and values.yaml (commit 5b81bf7a; chart 0.47.0, Fluent Bit 3.1.0).
import { Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from '../src';

/** The chart's default pipeline, with a position database on the node so restarts do not resend logs. */
const CONFIG = `[SERVICE]
    Daemon Off
    Flush 1
    Log_Level info
    Parsers_File /fluent-bit/etc/parsers.conf
    HTTP_Server On
    HTTP_Listen 0.0.0.0
    HTTP_Port 2020
    Health_Check On

[INPUT]
    Name tail
    Path /var/log/containers/*.log
    multiline.parser docker, cri
    Tag kube.*
    Mem_Buf_Limit 5MB
    Skip_Long_Lines On
    DB /var/lib/fluent-bit/tail.db

[FILTER]
    Name kubernetes
    Match kube.*
    Merge_Log On
    Keep_Log Off
    K8S-Logging.Parser On
    K8S-Logging.Exclude On

[OUTPUT]
    Name es
    Match kube.*
    Host elasticsearch-master
    Logstash_Format On
    Retry_Limit False
`;

export class FluentBitChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'logging', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'logging' } });

    const labels = { 'app.kubernetes.io/name': 'fluent-bit', 'app.kubernetes.io/instance': 'fluent-bit' };
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'fluent-bit', labels } });
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { name: 'fluent-bit', labels } });
    role.allow(['get', 'list', 'watch'], kplus.ApiResource.NAMESPACES, kplus.ApiResource.PODS);
    role.bind(serviceAccount);
    const config = new kplus.ConfigMap(this, 'Config', { metadata: { name: 'fluent-bit', labels }, data: { 'fluent-bit.conf': CONFIG } });

    this.agent = new NodeAgentDaemonSet(this, 'FluentBit', {
      metadata: { name: 'fluent-bit', labels },
      podMetadata: { labels },
      serviceAccount,
      // Upstream runs at no priority and tolerates no taint, so control-plane logs are lost: defaults here.
    });

    const shipper = this.agent.addContainer({
      name: 'fluent-bit',
      image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.0',
      ports: [{ name: 'http', number: 2020 }],
      liveness: kplus.Probe.fromHttpGet('/', { port: 2020 }),
      readiness: kplus.Probe.fromHttpGet('/api/v2/health', { port: 2020 }),
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } },
    });
    shipper.mount('/fluent-bit/etc/fluent-bit.conf', kplus.Volume.fromConfigMap(this, 'ConfigVolume', config, { name: 'config' }), { subPath: 'fluent-bit.conf' });
    // Upstream mounts /var/log read-write; reading logs needs read-only, the position database gets its own directory.
    shipper.mountHostPath(HostPath.VAR_LOG, { reason: 'reads container and pod logs' });
    shipper.mountHostPath(HostPath.of('/var/lib/docker/containers', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), {
      allowSensitive: true,
      reason: 'follows the log symlinks of Docker-runtime nodes into Docker\'s container logs; read-only',
    });
    shipper.mountHostPath(HostPath.MACHINE_ID, { reason: 'tags records with the node\'s machine id' });
    shipper.mountHostPath(HostPath.of('/var/lib/fluent-bit', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE), {
      writable: true,
      reason: 'keeps the tail position database across restarts',
    });
    shipper.grantRunAsRoot({ reason: 'container log files are readable by root only' });
  }
}
