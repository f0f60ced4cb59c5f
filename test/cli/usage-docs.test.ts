import { readFileSync } from 'fs';
import { join } from 'path';
import { runCli } from './support';
import { USAGE } from '../../src/cli/args';
import { CORPUS } from '../support/fixtures';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');

test("the README's usage block is the synopsis of --help", () => {
  const block = /## The privilege report: `cdk8s-node-agents audit`\n\n```\n([\s\S]*?)```/.exec(README)![1];
  const synopsis = USAGE.slice(0, USAGE.indexOf('\n\n')).replace(/^usage: /, '');
  expect(words(block)).toBe(words(synopsis));
});

test('every option of the usage is documented in the README and accepted by the command line', async () => {
  const options = [...new Set(USAGE.match(/--[a-z-]+/g))];
  expect(options).toEqual(expect.arrayContaining(['--format', '--fail-on', '--diff', '--policy-version', '--max-input-size', '--max-alias-nodes']));
  for (const option of options) expect(README).toContain(option);
  for (const value of ['sarif', 'ungranted', 'added']) expect(README).toContain(`\`--${value === 'sarif' ? 'format' : 'fail-on'} ${value}\``);
  const flannel = join(CORPUS, 'flannel.yaml');
  expect((await runCli(['audit', '--diff', '--fail-on', 'added', flannel, flannel])).status).toBe(0);
});

test("the README's JSON contracts name every field the command writes", async () => {
  const audit = await runCli(['audit', '--format', 'json', join(CORPUS, 'flannel.yaml')]);
  const contract = README.slice(README.indexOf('### JSON contract'), README.indexOf('## In CI'));
  for (const key of [...Object.keys(audit.json), ...Object.keys(audit.json.objects[0])]) expect(contract).toContain(`"${key}"`);
  for (const key of Object.keys(audit.json.objects[0].ungranted[0])) expect(contract).toContain(`"${key}"`);

  const diff = await runCli(['audit', '--diff', '--format', 'json', join(CORPUS, 'flannel.yaml'), join(CORPUS, 'node-exporter.yaml')]);
  const diffContract = README.slice(README.indexOf('`--diff` JSON contract'), README.indexOf('## Gallery'));
  for (const key of [...Object.keys(diff.json), ...diff.json.objects.flatMap((o: any) => Object.keys(o))]) expect(diffContract).toContain(`"${key}"`);
});
