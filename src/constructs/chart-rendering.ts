import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Lets each chart render its objects without preparing the whole app again, for the duration
 * of one `app.synth()` / `app.synthYaml()`, and returns the function that undoes it.
 *
 * `Chart.toJson()` resolves the dependencies of, and validates, the whole app before it renders
 * its own objects (cdk8s `App._synthChart`), so an app of C charts is prepared C + 1 times per
 * synthesis: time grows with objects × charts. Inside `app.synth()` and `app.synthYaml()` the app
 * has just been prepared, and no user code runs before the charts render, so the repetitions
 * can only repeat the same result. During those calls each chart renders exactly what
 * `App._synthChart` renders after its preparation: its own API objects, in dependency order.
 *
 * Charts whose class overrides `toJson()` keep it. Outside those calls (`Testing.synth`, a
 * chart's own `toJson()`), cdk8s prepares the app every time, as always.
 */
export function renderChartsWithoutRepreparing(root: IConstruct): () => void {
  const charts = root.node.findAll().filter((c): c is Chart => Chart.isChart(c) && c.toJson === Chart.prototype.toJson);
  for (const chart of charts) {
    Object.defineProperty(chart, 'toJson', { value: () => renderChart(chart), configurable: true, writable: true });
  }
  return () => charts.forEach(chart => delete (chart as { toJson?: unknown }).toJson);
}

/**
 * What `App._synthChart` returns once the app is prepared (cdk8s `chartToKube`). Each object is
 * then told it has been written, so that what it kept for this synthesis can be collected.
 */
function renderChart(chart: Chart): any[] {
  const apiObjects = new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
  const json = apiObjects.map(apiObject => apiObject.toJson());
  apiObjects.forEach(chartWritten);
  return json;
}

const CHART_WRITTEN = Symbol.for('cdk8s-node-agents.chart-written');

/**
 * Registers what an API object does once its chart has rendered it for output during a
 * synthesis call: drop what it kept for that call.
 */
export function onChartWritten(apiObject: object, callback: () => void): void {
  (apiObject as Record<symbol, unknown>)[CHART_WRITTEN] = callback;
}

/** Tells an API object its chart has rendered it for output (see onChartWritten). */
export function chartWritten(apiObject: object): void {
  const callback = (apiObject as Record<symbol, unknown>)[CHART_WRITTEN];
  if (typeof callback === 'function') callback();
}
