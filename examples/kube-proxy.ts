// kube-proxy as kubeadm deploys it.
// Upstream: kubernetes/kubernetes cmd/kubeadm/app/phases/addons/proxy/manifests.go
// (KubeProxyDaemonSet19, commit abd60651; RBAC in proxy.go binds the ServiceAccount to the
// built-in ClusterRole system:node-proxier).
import { Chart, ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HostNetworkDns, HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from '../src';

export class KubeProxyChart extends Chart {
  public readonly agent: NodeAgentDaemonSet;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });

    // Pod Security labels for the namespace, computed from the agents placed in it.
    new NodeAgentNamespace(this, 'Namespace', { metadata: { name: 'kube-system' } });

    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'kube-proxy' } });
    new kplus.ClusterRoleBinding(this, 'NodeProxier', {
      metadata: { name: 'kubeadm:node-proxier' },
      role: kplus.ClusterRole.fromClusterRoleName(this, 'NodeProxierRole', 'system:node-proxier'),
    }).addSubjects(serviceAccount);
    const config = kplus.ConfigMap.fromConfigMapName(this, 'Config', 'kube-proxy');

    this.agent = new NodeAgentDaemonSet(this, 'KubeProxy', {
      metadata: { name: 'kube-proxy', labels: { 'k8s-app': 'kube-proxy' } },
      podMetadata: { labels: { 'k8s-app': 'kube-proxy' } },
      serviceAccount,
      hostNetwork: { dns: HostNetworkDns.NODE, reason: 'implements Services in the node\'s own network stack; must work before cluster DNS does' },
    });

    const proxy = this.agent.addContainer({
      name: 'kube-proxy',
      image: 'registry.k8s.io/kube-proxy:v1.34.1',
      command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
      envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
      // Upstream sets no resources; ours keeps the agent-sized defaults (requests and a memory limit).
    });
    proxy.grantPrivileged({ reason: 'programs iptables/IPVS rules, loads kernel modules and sets conntrack sysctls' });
    proxy.grantWritableRootFilesystem({ reason: 'upstream runs with a writable root filesystem; iptables-restore writes temporary files' });
    proxy.mount('/var/lib/kube-proxy', kplus.Volume.fromConfigMap(this, 'ConfigVolume', config, { name: 'kube-proxy' }));
    proxy.mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'takes the iptables lock shared with the node and other agents' });
    proxy.mountHostPath(HostPath.LIB_MODULES, { reason: 'loads the IPVS and conntrack kernel modules' });
  }
}
