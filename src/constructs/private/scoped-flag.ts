import { IConstruct } from 'constructs';

/** A value set on a scope (an app, a chart) for every construct below it; the nearest scope's value wins. */
export class ScopedValue<T> {
  private readonly values = new WeakMap<IConstruct, T>();

  public set(scope: IConstruct, value: T): void {
    this.values.set(scope, value);
  }

  /** The value of the nearest scope that has one, or undefined. */
  public get(construct: IConstruct): T | undefined {
    const scopes = construct.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      if (this.values.has(scopes[i])) return this.values.get(scopes[i]);
    }
    return undefined;
  }
}

/**
 * A flag set on a scope (an app, a chart) that holds for every construct below it, and can be
 * set at any time before synthesis (unlike construct context, which is frozen once children exist).
 */
export class ScopedFlag {
  private readonly value = new ScopedValue<true>();

  public set(scope: IConstruct): void {
    this.value.set(scope, true);
  }

  public isSet(construct: IConstruct): boolean {
    return this.value.get(construct) === true;
  }
}
