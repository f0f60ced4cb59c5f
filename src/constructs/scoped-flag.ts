import { IConstruct } from 'constructs';

/**
 * A flag set on a scope (an app, a chart) that holds for every construct below it, and can be
 * set at any time before synthesis (unlike construct context, which is frozen once children exist).
 */
export class ScopedFlag {
  private readonly scopes = new WeakSet<IConstruct>();

  public set(scope: IConstruct): void {
    this.scopes.add(scope);
  }

  public isSet(construct: IConstruct): boolean {
    return construct.node.scopes.some(s => this.scopes.has(s));
  }
}
