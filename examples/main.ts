// Synthesizes every example into dist/examples/ (one YAML file each) and prints the
// privilege report of each agent.
import { App, YamlOutputType } from 'cdk8s';
import { KindnetChart } from './kindnet';
import { KubeProxyChart } from './kube-proxy';

export const OUTDIR = 'dist/examples';

/** Every example chart, by file name. */
export function buildExamples(app: App): void {
  new KubeProxyChart(app, 'kube-proxy');
  new KindnetChart(app, 'kindnet');
}

if (require.main === module) {
  const app = new App({ outdir: OUTDIR, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  app.synth();
  console.log(`wrote ${app.charts.length} manifests to ${OUTDIR}/`);
}
