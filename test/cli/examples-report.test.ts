import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { runCli } from './support';
import { buildExamples } from '../../examples/main';

/** `npm run examples` prints this report: piped, it fits 80 columns (issue: lines up to 457). */
const outdir = mkdtempSync(join(tmpdir(), 'audit-examples-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('the examples\' report fits 80 columns when not a terminal, and loses nothing', async () => {
  const app = new App({ outdir, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  app.synth();
  const files = readdirSync(outdir).filter(f => f.endsWith('.yaml')).sort().map(f => join(outdir, f));
  expect(files).toHaveLength(10);
  const piped = await runCli(['audit', ...files]);
  expect(piped.status).toBe(0);
  const lines = piped.stdout.trimEnd().split('\n');
  expect(lines.filter(l => l.length > 80)).toEqual([]);
  expect(lines[lines.length - 1]).toBe('errors');
  const json = (await runCli(['audit', '--format', 'json', ...files])).json;
  expect(json.objects).toHaveLength(10);
  // Every reason is in the table, wrapped: each of its words (long ones may be cut) is on some line.
  const words = new Set(piped.stdout.split(/\s+/));
  const missing = json.objects.flatMap((obj: any) => obj.grants.flatMap((g: any) => g.reason.split(' ').filter((w: string) => w.length < 20 && !words.has(w))));
  expect(missing).toEqual([]);
});
