import { IConstruct } from 'constructs';
import { ScopedFlag } from './private/scoped-flag';

const REQUIRE_REASONS = new ScopedFlag();

/**
 * App- or chart-wide rules for grants.
 */
export class GrantPolicy {
  /**
   * Make every grant without a reason a synth-time error for the agents in `scope` (an app or
   * a chart).
   */
  public static requireReasons(scope: IConstruct): void {
    REQUIRE_REASONS.set(scope);
  }

  /** Whether grants in `scope` must carry a reason. */
  public static reasonsRequired(scope: IConstruct): boolean {
    return REQUIRE_REASONS.isSet(scope);
  }

  private constructor() {}
}
