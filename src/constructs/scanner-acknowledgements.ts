import { IConstruct } from 'constructs';
import { ScopedValue } from './private/scoped-flag';
import { Scanner } from '../model/acknowledgements/scanner';

const CHOSEN = new ScopedValue<readonly Scanner[]>();

/**
 * Which scanners' acknowledgements the agents of a scope (an app or a chart) carry. By default
 * none: every agent carries the grants annotation, with every reason, and nothing more. A team
 * that runs kube-linter, Polaris, Checkov or kubeaudit opts in for those scanners, so that
 * deliberate grants do not fail them, and its manifests carry no other scanner's annotations or
 * labels.
 */
export class ScannerAcknowledgements {
  /**
   * Writes acknowledgements for these scanners only, for the agents in `scope` (an app or a chart).
   * The choice made on the nearest scope wins; an empty list writes none (the default).
   */
  public static only(scope: IConstruct, scanners: Scanner[]): void {
    CHOSEN.set(scope, [...scanners]);
  }

  /** The scanners whose acknowledgements a construct's agents carry: none unless chosen. */
  public static of(construct: IConstruct): Scanner[] {
    return [...(CHOSEN.get(construct) ?? [])];
  }

  private constructor() {}
}
