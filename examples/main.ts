// Synthesizes every example into dist/examples/ (one YAML file each) and prints the
// privilege report of each agent: the same report `cdk8s-node-agents audit` prints.
import { readdirSync } from 'fs';
import { join } from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { AwsEbsCsiNodeChart } from './aws-ebs-csi-node';
import { CalicoChart } from './calico';
import { CiliumChart } from './cilium';
import { FalcoChart } from './falco';
import { FlannelChart } from './flannel';
import { FluentBitChart } from './fluent-bit';
import { KindnetChart } from './kindnet';
import { KubeProxyChart } from './kube-proxy';
import { NodeExporterChart } from './node-exporter';
import { NvidiaDevicePluginChart } from './nvidia-device-plugin';
import { run } from '../src/cli/run';

export const OUTDIR = join('dist', 'examples');

/** Every example chart; the chart id is the file name. */
export function buildExamples(app: App): void {
  new KubeProxyChart(app, 'kube-proxy');
  new KindnetChart(app, 'kindnet');
  new NodeExporterChart(app, 'node-exporter');
  new FluentBitChart(app, 'fluent-bit');
  new FlannelChart(app, 'flannel');
  new CalicoChart(app, 'calico');
  new CiliumChart(app, 'cilium');
  new NvidiaDevicePluginChart(app, 'nvidia-device-plugin');
  new AwsEbsCsiNodeChart(app, 'aws-ebs-csi-node');
  new FalcoChart(app, 'falco');
}

if (require.main === module) {
  const app = new App({ outdir: OUTDIR, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  try {
    app.synth();
  } catch (e) {
    // The validation error lists every problem with its construct path; a stack trace adds nothing.
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  const files = readdirSync(OUTDIR).filter(f => f.endsWith('.yaml')).sort().map(f => join(OUTDIR, f));
  console.log(`wrote ${files.length} manifests to ${OUTDIR}/\n`);
  // The same command as `cdk8s-node-agents audit`, wrapped to the terminal (80 columns when piped).
  void run(['audit', ...files], {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  }).then(code => { process.exitCode = code; });
}
