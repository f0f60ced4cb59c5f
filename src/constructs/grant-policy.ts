import { IConstruct } from 'constructs';

const REQUIRE_REASONS = 'cdk8s-node-agents:requireReasons';

/**
 * App- or chart-wide rules for grants.
 */
export class GrantPolicy {
  /**
   * Make every grant without a reason a synth-time error for the agents in `scope` (an app or
   * a chart). Call it before adding agents.
   */
  public static requireReasons(scope: IConstruct): void {
    scope.node.setContext(REQUIRE_REASONS, true);
  }

  /** Whether grants in `scope` must carry a reason. */
  public static reasonsRequired(scope: IConstruct): boolean {
    return scope.node.tryGetContext(REQUIRE_REASONS) === true;
  }

  private constructor() {}
}
