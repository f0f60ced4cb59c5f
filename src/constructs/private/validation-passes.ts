import { IConstruct } from 'constructs';

/**
 * Lets a construct's validation run once per `app.synth()` / `app.synthYaml()` instead of once per
 * chart, without changing anything cdk8s does.
 *
 * cdk8s 2.x validates the whole app once in `App.synth()` / `synthYaml()`, then again for every
 * chart it writes (`Chart.toJson()` calls the static `App._synthChart`, which resolves dependencies
 * and validates the whole app before rendering the chart). A node agent's validation renders and
 * checks its object, so an app of C charts would pay for it C + 1 times. No user code runs between
 * those passes, so a repeated pass can only repeat the first one's result.
 *
 * Every validation pass validates the app's root first (constructs are visited in pre-order), so a
 * validation added to the root marks each pass. It reads the call stack once per pass: a pass
 * inside `_synthChart` inside `App.synth` / `synthYaml` repeats the pass that started that call;
 * every other pass (the first of a synthesis, `Testing.synth`, a chart's own `toJson()`) starts a
 * new generation, and results are recomputed. Should cdk8s rename those functions, every pass
 * counts as new: slower, never stale. A construct validated directly (`node.validate()`) in the
 * same tick as a synthesis may see that synthesis' result. docs/PERFORMANCE.md has the figures and
 * the fix cdk8s needs.
 */
export class ValidationPasses {
  /** The passes of the app that holds `scope`. */
  public static of(scope: IConstruct): ValidationPasses {
    const root = scope.node.root;
    let passes = PASSES.get(root);
    if (!passes) {
      PASSES.set(root, passes = new ValidationPasses());
      root.node.addValidation({ validate: () => passes!.startPass() });
    }
    return passes;
  }

  private generation = 0;
  /** Results are shared only while the passes of one synthesis run (until the next microtask). */
  private open = false;

  private constructor() {}

  /**
   * The value of `compute` for this validation pass: computed in the first pass of a synthesis and
   * in every pass outside one, reused by the repeated passes of one `app.synth()`.
   */
  public once<T>(memo: PassMemo<T>, compute: () => T): T {
    if (this.open && memo.generation === this.generation) return memo.value as T;
    const value = compute();
    memo.generation = this.generation;
    memo.value = value;
    return value;
  }

  /** Forgets every result: something the results depend on has changed (a grant, a container). */
  public changed(): void {
    this.generation++;
  }

  private startPass(): string[] {
    if (!isRepeatedPass()) this.generation++;
    if (!this.open) {
      this.open = true;
      queueMicrotask(() => this.open = false);
    }
    return [];
  }
}

/** Where a construct keeps its result between passes. */
export class PassMemo<T> {
  /** @internal */
  public generation = -1;
  /** @internal */
  public value?: T;
}

const PASSES = new WeakMap<IConstruct, ValidationPasses>();

/** Whether this validation runs inside `_synthChart` called by `App.synth()` or `App.synthYaml()`. */
function isRepeatedPass(): boolean {
  const sites = callSites();
  const chart = sites.findIndex(s => s.getFunctionName() === '_synthChart' && isCdk8sApp(s));
  return chart >= 0 && sites.slice(chart + 1).some(s => SYNTH.has(s.getFunctionName() ?? '') && isCdk8sApp(s));
}

const SYNTH = new Set(['synth', 'synthYaml']);

function isCdk8sApp(site: NodeJS.CallSite): boolean {
  return /[\\/]cdk8s[\\/]lib[\\/]app\.js$/.test(site.getFileName() ?? '');
}

function callSites(): NodeJS.CallSite[] {
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.prepareStackTrace = (_error, sites) => sites;
  Error.stackTraceLimit = 64;
  try {
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callSites);
    return Array.isArray(holder.stack) ? holder.stack : [];
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}
