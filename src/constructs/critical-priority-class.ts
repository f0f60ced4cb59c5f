import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IPriorityClass } from './priority-class';
import { AppChecks } from './private/app-checks';
import { withoutNamespace } from './private/cluster-scoped';
import { validateApiObject } from './private/manifest-validation';

/**
 * Whether pods of a priority class may preempt lower-priority pods.
 */
export enum PreemptionPolicy {
  /** Evict lower-priority pods to make room (the Kubernetes default). */
  PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority',
  /** Wait for room, never evicting other pods. */
  NEVER = 'Never',
}

/**
 * Properties of a `CriticalPriorityClass`.
 */
export interface CriticalPriorityClassProps {
  /**
   * The class name. The `system-` prefix is reserved for the built-in classes.
   * @default - a name generated from the construct path
   */
  readonly name?: string;
  /**
   * The priority: higher runs first and preempts lower. At most 1,000,000,000 for a
   * user-defined class; the built-in critical classes sit at two billion.
   */
  readonly value: number;
  /**
   * What the class is for.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Whether pods of this class may evict lower-priority pods.
   * @default PreemptionPolicy.PREEMPT_LOWER_PRIORITY
   */
  readonly preemptionPolicy?: PreemptionPolicy;
  /**
   * Make this the class of every pod that names none. At most one class in a cluster may be.
   * @default false
   */
  readonly globalDefault?: boolean;
  /**
   * Extra labels and annotations.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A user-defined priority class for node agents, for clusters where the built-in
 * `system-node-critical` is not available to the agent's namespace.
 * Emitted cluster-scoped, before the agents that use it.
 *
 * @example
 * import { App, Chart } from 'cdk8s';
 * import { CriticalPriorityClass, NodeAgentDaemonSet } from 'cdk8s-node-agents';
 *
 * const app = new App();
 * const chart = new Chart(app, 'monitoring', { namespace: 'monitoring' });
 * const priorityClass = new CriticalPriorityClass(chart, 'critical', { name: 'node-agents', value: 1_000_000_000 });
 * new NodeAgentDaemonSet(chart, 'exporter', {
 *   priorityClass,
 *   containers: [{ name: 'exporter', image: 'quay.io/prometheus/node-exporter:v1.9.1' }],
 * });
 * app.synth();
 */
export class CriticalPriorityClass extends Construct implements IPriorityClass {
  public readonly priorityClassName: string;
  public readonly builtIn = false;
  /** The priority value. */
  public readonly value: number;
  /** The preemption policy. */
  public readonly preemptionPolicy: PreemptionPolicy;
  /** Whether this is the cluster's default class. */
  public readonly globalDefault: boolean;

  /** The L1 object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: CriticalPriorityClassProps) {
    super(scope, id);
    this.value = props.value;
    this.preemptionPolicy = props.preemptionPolicy ?? PreemptionPolicy.PREEMPT_LOWER_PRIORITY;
    this.globalDefault = props.globalDefault ?? false;
    this.apiObject = new ClusterScopedPriorityClass(this, 'Resource', {
      // An explicit `name: undefined` would override the name cdk8s generates.
      metadata: { ...(props.name !== undefined ? { name: props.name } : {}), labels: props.labels },
      value: props.value,
      description: props.description,
      preemptionPolicy: this.preemptionPolicy,
      globalDefault: props.globalDefault,
    });
    this.priorityClassName = this.apiObject.name;
    this.node.addValidation({ validate: () => validateApiObject(this.apiObject).errors });
    AppChecks.of(this).addPriorityClass(this);
  }
}

/** PriorityClass is cluster-scoped: a chart's namespace must not be written into it. */
class ClusterScopedPriorityClass extends kplus.k8s.KubePriorityClass {
  public toJson(): any {
    return withoutNamespace(super.toJson());
  }
}
