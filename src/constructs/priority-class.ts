/**
 * A priority class an agent can run at: a built-in one, one defined in the app
 * (`CriticalPriorityClass`), or one that already exists in the cluster.
 */
export interface IPriorityClass {
  /** The name pods refer to. */
  readonly priorityClassName: string;
  /** Whether it is one of Kubernetes' built-in `system-` classes. */
  readonly builtIn: boolean;
}

/**
 * References to priority classes that exist without this app defining them.
 */
export class PriorityClass implements IPriorityClass {
  /**
   * `system-node-critical` (2000001000), the highest priority: for agents a node cannot
   * work without (CNI, kube-proxy, CSI node plugins).
   */
  public static readonly SYSTEM_NODE_CRITICAL: IPriorityClass = new PriorityClass('system-node-critical', true);
  /**
   * `system-cluster-critical` (2000000000): for agents the cluster needs, evicted before
   * node-critical ones.
   */
  public static readonly SYSTEM_CLUSTER_CRITICAL: IPriorityClass = new PriorityClass('system-cluster-critical', true);

  /**
   * A class that must already exist in the cluster. Pods naming a missing class are
   * rejected when the DaemonSet controller creates them.
   */
  public static fromName(name: string): IPriorityClass {
    const builtIn = name === PriorityClass.SYSTEM_NODE_CRITICAL.priorityClassName || name === PriorityClass.SYSTEM_CLUSTER_CRITICAL.priorityClassName;
    return new PriorityClass(name, builtIn);
  }

  private constructor(public readonly priorityClassName: string, public readonly builtIn: boolean) {}
}
