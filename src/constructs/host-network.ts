import { GrantOptions } from '../model/grant';

/**
 * How an agent on the host network resolves names. There is no default: with host
 * networking, Kubernetes' `ClusterFirst` silently means the node's resolver.
 */
export enum HostNetworkDns {
  /**
   * The node's resolver (`dnsPolicy: Default`). For agents the cluster network depends on
   * (CNI, kube-proxy): they must work before cluster DNS does.
   */
  NODE = 'Default',
  /**
   * Cluster DNS (`dnsPolicy: ClusterFirstWithHostNet`). For agents that resolve Services.
   */
  CLUSTER = 'ClusterFirstWithHostNet',
}

/**
 * Options for giving an agent the node's network namespace.
 */
export interface HostNetworkOptions extends GrantOptions {
  /** How the agent resolves names. A required choice with host networking. */
  readonly dns: HostNetworkDns;
}
