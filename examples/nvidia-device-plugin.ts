// The NVIDIA device plugin, which advertises nvidia.com/gpu to the kubelet.
// Upstream: NVIDIA/k8s-device-plugin deployments/static/nvidia-device-plugin.yml (commit 1b826acc,
// v0.20.0; in test/fixtures/corpus/nvidia-device-plugin.yaml), node selection from the Helm chart
// deployments/helm/nvidia-device-plugin (NFD labels).
import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentTolerations, HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from '../src';

export class NvidiaDevicePluginChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-system' } });

    const labels = { name: 'nvidia-device-plugin-ds' };
    this.agent = new NodeAgentDaemonSet(this, 'DevicePlugin', {
      metadata: { name: 'nvidia-device-plugin-daemonset' },
      podMetadata: { labels },
      // GPU nodes are usually tainted for GPUs only: tolerate that taint, not every taint.
      tolerations: AgentTolerations.NONE,
    });
    this.agent.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_SCHEDULE })));
    this.agent.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('CriticalAddonsOnly')));
    // Only nodes with an NVIDIA GPU (Node Feature Discovery's PCI vendor label), as the Helm chart does.
    this.agent.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('feature.node.kubernetes.io/pci-10de.present', 'true')));

    const plugin = this.agent.addContainer({ name: 'nvidia-device-plugin-ctr', image: 'nvcr.io/nvidia/k8s-device-plugin:v0.20.0' });
    plugin.mountHostPath(HostPath.KUBELET_DEVICE_PLUGINS, {
      writable: true,
      allowSensitive: true,
      reason: 'serves its device-plugin socket where the kubelet looks for it, and connects to kubelet.sock to register',
    });
    plugin.grantRunAsRoot({ reason: 'creates its socket in the kubelet\'s root-owned device-plugins directory' });
  }
}
