import * as kplus from 'cdk8s-plus-28';

/**
 * Options for a rolling update of an agent.
 */
export interface AgentRollingUpdateOptions {
  /**
   * How many nodes may be without a ready agent during the update.
   * @default PercentOrAbsolute.absolute(1)
   */
  readonly maxUnavailable?: kplus.PercentOrAbsolute;
  /**
   * How many nodes may run the old and the new agent side by side. Refused for agents
   * that use host ports or host networking: the new pod can never start next to the old one.
   * When set, `maxUnavailable` defaults to 0.
   * @default - no surge
   */
  readonly maxSurge?: kplus.PercentOrAbsolute;
}

/**
 * How an agent's pods are replaced when its template changes.
 */
export class AgentUpdateStrategy {
  /** Replace pods node by node, `maxUnavailable` at a time. */
  public static rollingUpdate(options: AgentRollingUpdateOptions = {}): AgentUpdateStrategy {
    const maxUnavailable = options.maxUnavailable ?? (options.maxSurge ? kplus.PercentOrAbsolute.absolute(0) : kplus.PercentOrAbsolute.absolute(1));
    return new AgentUpdateStrategy('RollingUpdate', maxUnavailable, options.maxSurge);
  }

  /** Replace a pod only when it is deleted by hand. */
  public static onDelete(): AgentUpdateStrategy {
    return new AgentUpdateStrategy('OnDelete');
  }

  private constructor(
    /** `RollingUpdate` or `OnDelete`. */
    public readonly type: string,
    /** The unavailability budget of a rolling update. */
    public readonly maxUnavailable?: kplus.PercentOrAbsolute,
    /** The surge of a rolling update. */
    public readonly maxSurge?: kplus.PercentOrAbsolute,
  ) {}

  /** @internal */
  public _toKube(): kplus.k8s.DaemonSetUpdateStrategy {
    if (this.type !== 'RollingUpdate') return { type: this.type };
    return {
      type: this.type,
      rollingUpdate: {
        maxUnavailable: intOrString(this.maxUnavailable),
        maxSurge: this.maxSurge ? intOrString(this.maxSurge) : undefined,
      },
    };
  }
}

function intOrString(value: kplus.PercentOrAbsolute | undefined): kplus.k8s.IntOrString | undefined {
  if (value === undefined) return undefined;
  return typeof value.value === 'number' ? kplus.k8s.IntOrString.fromNumber(value.value) : kplus.k8s.IntOrString.fromString(String(value.value));
}
