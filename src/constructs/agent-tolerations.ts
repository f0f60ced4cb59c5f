import * as kplus from 'cdk8s-plus-28';

/**
 * Which tainted nodes an agent runs on. The DaemonSet controller already adds the
 * not-ready, unreachable, pressure and unschedulable tolerations itself.
 */
export class AgentTolerations {
  /**
   * Every taint (`operator: Exists`): the agent runs on every Linux node, control plane included.
   * What CNI agents, kube-proxy and log shippers need.
   */
  public static readonly ALL = new AgentTolerations('all', [{ operator: 'Exists' }]);
  /**
   * Every `NoSchedule` and `NoExecute` taint, but not `PreferNoSchedule` ones.
   */
  public static readonly NO_SCHEDULE_AND_NO_EXECUTE = new AgentTolerations('noScheduleAndNoExecute', [
    { operator: 'Exists', effect: 'NoSchedule' },
    { operator: 'Exists', effect: 'NoExecute' },
  ]);
  /**
   * Only the control-plane taint: the agent runs on ordinary and control-plane nodes,
   * and skips nodes tainted for anything else.
   */
  public static readonly CONTROL_PLANE = new AgentTolerations('controlPlane', [
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  /** No toleration: the agent skips every tainted node. */
  public static readonly NONE = new AgentTolerations('none', []);

  private constructor(
    /** A short name of the preset. */
    public readonly name: string,
    private readonly tolerations: kplus.k8s.Toleration[],
  ) {}

  /** @internal */
  public _toKube(): kplus.k8s.Toleration[] {
    return this.tolerations.map(t => ({ ...t }));
  }
}
