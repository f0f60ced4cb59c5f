// Falco, the runtime security sensor, as its Helm chart deploys it.
// Upstream: falcosecurity/charts charts/falco templates/daemonset.yaml, pod-template.tpl,
// role.yaml and values.yaml (commit 548458c6; chart 9.1.x, Falco 0.44.1).
import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentTolerations, Capability, HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from '../src';

export class FalcoChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'falco', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'falco' } });

    const labels = { 'app.kubernetes.io/name': 'falco', 'app.kubernetes.io/instance': 'falco' };
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'falco', labels } });
    const role = new kplus.Role(this, 'Role', { metadata: { name: 'falco', labels } });
    role.allow(['get', 'list', 'update'], kplus.ApiResource.CONFIG_MAPS);
    role.bind(serviceAccount);
    const config = kplus.ConfigMap.fromConfigMapName(this, 'Config', 'falco');

    this.agent = new NodeAgentDaemonSet(this, 'Falco', {
      metadata: { name: 'falco', labels },
      podMetadata: { labels },
      serviceAccount,
      // Upstream tolerates only the control-plane taints: a sensor must watch every node.
      tolerations: AgentTolerations.ALL,
    });
    const rulesfiles = kplus.Volume.fromEmptyDir(this, 'Rules', 'rulesfiles-install-dir');
    const plugins = kplus.Volume.fromEmptyDir(this, 'Plugins', 'plugins-install-dir');
    const falcoctlConfig = kplus.ConfigMap.fromConfigMapName(this, 'FalcoctlConfig', 'falco-falcoctl');
    const falcoctlConfigVolume = kplus.Volume.fromConfigMap(this, 'FalcoctlConfigVolume', falcoctlConfig, { name: 'falcoctl-config-volume' });
    const falcoctl = (name: string, args: string[], sidecar: boolean) => {
      const c = this.agent.addInitContainer({
        name,
        image: 'docker.io/falcosecurity/falcoctl:0.11.4',
        args,
        restartPolicy: sidecar ? kplus.ContainerRestartPolicy.ALWAYS : undefined,
        envVariables: { FALCOCTL_HOME: kplus.EnvValue.fromValue('/etc/falcoctl') },
      });
      c.mount('/rulesfiles', rulesfiles);
      c.mount('/plugins', plugins);
      c.mount('/etc/falcoctl', falcoctlConfigVolume);
      return c;
    };
    falcoctl('falcoctl-artifact-install', ['artifact', 'install', '--log-format=json'], false);
    falcoctl('falcoctl-artifact-follow', ['artifact', 'follow', '--log-format=json'], true);

    const falco = this.agent.addContainer({
      name: 'falco',
      image: 'docker.io/falcosecurity/falco:0.44.1',
      args: ['/usr/bin/falco', '-o', 'engine.kind=modern_ebpf'],
      envVariables: {
        HOST_ROOT: kplus.EnvValue.fromValue('/host'),
        FALCO_HOSTNAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        FALCO_K8S_NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
      },
      ports: [{ name: 'web', number: 8765 }],
      startup: kplus.Probe.fromHttpGet('/healthz', { port: 8765, initialDelaySeconds: Duration.seconds(3), failureThreshold: 20 }),
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8765, periodSeconds: Duration.seconds(15), timeoutSeconds: Duration.seconds(5) }),
      readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8765, periodSeconds: Duration.seconds(15), timeoutSeconds: Duration.seconds(5) }),
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
    });
    // Upstream runs Falco privileged with a kernel driver loader; with the modern eBPF probe the
    // chart's leastPrivileged mode needs four capabilities and no loader.
    falco.grantCapabilities([Capability.BPF, Capability.SYS_RESOURCE, Capability.PERFMON, Capability.SYS_PTRACE], {
      reason: 'loads the modern eBPF probe and reads every process\'s metadata; the chart\'s leastPrivileged mode',
    });
    falco.mount('/etc/falco/falco.yaml', kplus.Volume.fromConfigMap(this, 'ConfigVolume', config, { name: 'falco-yaml' }), { subPath: 'falco.yaml' });
    falco.mount('/etc/falco', rulesfiles);
    falco.mount('/usr/share/falco/plugins', plugins);
    // Upstream mounts /proc and every runtime socket read-write; reading is all Falco does with /proc.
    falco.mountHostPath(HostPath.PROC, { mountPath: '/host/proc', allowSensitive: true, reason: 'reads process metadata of the node; read-only' });
    falco.mountHostPath(HostPath.of('/etc', kplus.HostPathVolumeType.DIRECTORY), {
      mountPath: '/host/etc',
      allowSensitive: true,
      reason: 'reads the node\'s OS release, users and groups to enrich events; read-only, and it includes /etc/kubernetes',
    });
    falco.mountHostPath(HostPath.of('/boot', kplus.HostPathVolumeType.DIRECTORY), { mountPath: '/host/boot', reason: 'reads the kernel configuration; read-only' });
    falco.mountHostPath(HostPath.CONTAINERD_SOCKET, {
      mountPath: '/host/run/containerd/containerd.sock',
      allowSensitive: true,
      reason: 'asks containerd for container metadata; a socket mount is full access even read-only, accepted for a sensor',
    });
    falco.mountHostPath(HostPath.CRIO_SOCKET, {
      mountPath: '/host/run/crio/crio.sock',
      allowSensitive: true,
      reason: 'asks CRI-O for container metadata; a socket mount is full access even read-only, accepted for a sensor',
    });
  }
}
