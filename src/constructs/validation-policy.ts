import { IConstruct } from 'constructs';
import { ScopedFlag } from './private/scoped-flag';

const WARNINGS_AS_ERRORS = new ScopedFlag();
/** The warnings printed, per app: a second app in the same process prints its own. */
const printed = new WeakMap<IConstruct, Set<string>>();

/**
 * How synth-time findings are reported. Errors always fail synthesis; warnings are printed to
 * standard error once each per app, unless `warningsAsErrors` makes them fail synthesis too.
 */
export class ValidationPolicy {
  /** Make every warning of the agents in `scope` (an app or a chart) a synth-time error. */
  public static warningsAsErrors(scope: IConstruct): void {
    WARNINGS_AS_ERRORS.set(scope);
  }

  /** Whether warnings in `scope` fail synthesis. */
  public static warningsAreErrors(scope: IConstruct): boolean {
    return WARNINGS_AS_ERRORS.isSet(scope);
  }

  /**
   * The messages that fail synthesis: the errors, plus the warnings when they count as errors.
   * Otherwise the warnings are printed (once per construct and message) and synthesis goes on.
   * @internal
   */
  public static _report(scope: IConstruct, errors: string[], warnings: string[]): string[] {
    if (ValidationPolicy.warningsAreErrors(scope)) return [...errors, ...warnings];
    let seen = printed.get(scope.node.root);
    if (!seen) printed.set(scope.node.root, seen = new Set());
    for (const warning of warnings) {
      const line = `[${scope.node.path}] ${warning}`;
      if (!seen.has(line)) {
        seen.add(line);
        process.stderr.write(`Warning: ${line}\n`);
      }
    }
    return errors;
  }

  private constructor() {}
}
