import { IConstruct } from 'constructs';
import { renderChartsWithoutRepreparing } from './chart-rendering';

/**
 * cdk8s validates the whole app once more for every chart it synthesizes (`App._synthChart`),
 * so an app of C charts is validated C + 1 times per `app.synth()`. Our validation renders and
 * checks every agent, which would make synthesis grow with agents × charts. While a synthesis
 * call runs, charts also render without preparing the app again (`chart-rendering.ts`).
 *
 * Nothing can change between those passes: no user code runs inside `app.synth()` or
 * `app.synthYaml()`. While one of them runs, validation results are kept for the rest of that
 * call, and thrown away when it returns. Outside them (for example `Chart.toJson()` or
 * `Testing.synth()` after a mutation), every validation runs afresh.
 */
export class SynthesisScope {
  /** Wraps the app's synth methods once, so that each call opens a scope. */
  public static install(root: IConstruct): void {
    const app = root as unknown as Record<string | symbol, unknown>;
    if (app[INSTALLED]) return;
    app[INSTALLED] = true;
    for (const method of ['synth', 'synthYaml']) {
      const original = app[method];
      if (typeof original !== 'function') continue;
      app[method] = (...args: unknown[]) => {
        const outer = SynthesisScope.current;
        SynthesisScope.current = SynthesisScope.next++;
        const restoreCharts = renderChartsWithoutRepreparing(root);
        try {
          return original.apply(root, args);
        } finally {
          restoreCharts();
          SynthesisScope.current = outer;
        }
      };
    }
  }

  /** The scope synthesis is in, or 0 outside any. */
  public static get id(): number {
    return SynthesisScope.current;
  }

  private static current = 0;
  private static next = 1;
}

const INSTALLED = Symbol.for('cdk8s-node-agents.synthesis-scope');

/** A value computed once per synthesis scope, and every time outside one. */
export class PerSynthesis<T> {
  private scope = 0;
  private value?: T;

  public get(compute: () => T): T {
    const id = SynthesisScope.id;
    if (id !== 0 && id === this.scope) return this.value as T;
    this.value = compute();
    this.scope = id;
    return this.value;
  }
}
