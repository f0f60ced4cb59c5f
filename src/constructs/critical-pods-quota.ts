import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PriorityClass } from './priority-class';

/**
 * Properties of a `CriticalPodsQuota`.
 */
export interface CriticalPodsQuotaProps {
  /**
   * The namespace whose agents run at a built-in critical priority.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
}

/**
 * A ResourceQuota that lets pods of the built-in critical priority classes run in a namespace
 * other than kube-system. Clusters that limit those classes (GKE, kube-up, any cluster with a
 * `limitedResources` admission config) reject such pods with "insufficient quota to match
 * these scopes" unless the namespace has a quota whose scope covers them.
 * `NodeAgentDaemonSet` adds one per chart and namespace when it needs it.
 */
export class CriticalPodsQuota extends Construct {
  /** The quota's name. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: CriticalPodsQuotaProps = {}) {
    super(scope, id);
    const quota = new kplus.k8s.KubeResourceQuota(this, 'Resource', {
      metadata: { name: 'critical-pods', namespace: props.namespace },
      spec: {
        // The quota only scopes admission; the count is not meant to limit anything.
        hard: { pods: kplus.k8s.Quantity.fromString('1000000000') },
        scopeSelector: {
          matchExpressions: [{
            scopeName: 'PriorityClass',
            operator: 'In',
            values: [PriorityClass.SYSTEM_NODE_CRITICAL.priorityClassName, PriorityClass.SYSTEM_CLUSTER_CRITICAL.priorityClassName],
          }],
        },
      },
    });
    this.name = quota.name;
  }
}
