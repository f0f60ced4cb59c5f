// Synthesizes every example into dist/examples/ (one YAML file each) and prints the
// privilege report of each agent: the same report `cdk8s-node-agents audit` prints.
import { readdirSync } from 'fs';
import { join } from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { KindnetChart } from './kindnet';
import { KubeProxyChart } from './kube-proxy';
import { parseArgs } from '../src/cli/args';
import { runAudit } from '../src/cli/run';

export const OUTDIR = join('dist', 'examples');

/** Every example chart; the chart id is the file name. */
export function buildExamples(app: App): void {
  new KubeProxyChart(app, 'kube-proxy');
  new KindnetChart(app, 'kindnet');
}

if (require.main === module) {
  const app = new App({ outdir: OUTDIR, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  app.synth();
  const files = readdirSync(OUTDIR).filter(f => f.endsWith('.yaml')).sort().map(f => join(OUTDIR, f));
  console.log(`wrote ${files.length} manifests to ${OUTDIR}/\n`);
  const command = parseArgs(['audit', ...files]);
  if (command.kind !== 'audit') throw new Error('unreachable: the audit command line is built here');
  const { output, exitCode } = runAudit(command, () => '');
  process.stdout.write(output);
  process.exitCode = exitCode;
}
