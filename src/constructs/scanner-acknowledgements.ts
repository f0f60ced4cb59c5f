import { IConstruct } from 'constructs';
import { ScopedValue } from './private/scoped-flag';
import { Scanner } from '../model/acknowledgements/scanner';

const CHOSEN = new ScopedValue<readonly Scanner[]>();

/**
 * Which scanners' acknowledgements the agents of a scope (an app or a chart) carry. By default
 * every agent acknowledges its grants to all four scanners; a team that runs one of them keeps
 * its manifests free of the others' annotations and labels (and its synthesis faster). The
 * grants annotation, with every reason, is written whatever the choice.
 */
export class ScannerAcknowledgements {
  /**
   * Writes acknowledgements for these scanners only, for the agents in `scope` (an app or a chart).
   * The choice made on the nearest scope wins, and an empty list writes none.
   */
  public static only(scope: IConstruct, scanners: Scanner[]): void {
    CHOSEN.set(scope, [...scanners]);
  }

  /** The scanners whose acknowledgements a construct's agents carry. */
  public static of(construct: IConstruct): Scanner[] {
    return [...(CHOSEN.get(construct) ?? Scanner.all())];
  }

  private constructor() {}
}
