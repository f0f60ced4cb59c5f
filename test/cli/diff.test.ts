import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { runCli } from './support';
import { buildExamples } from '../../examples/main';
import { CORPUS } from '../support/fixtures';

/**
 * `audit --diff OLD NEW` on two directories built from the corpus and the examples: the pull
 * request's privilege drift, in each format, and `--fail-on added`.
 */
let dir: string;
let oldDir: string;
let newDir: string;
const corpus = (name: string) => readFileSync(join(CORPUS, name), 'utf-8');

function replaced(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-diff-'));
  const examples = join(dir, 'examples');
  const app = new App({ outdir: examples, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  app.synth();
  oldDir = join(dir, 'old');
  newDir = join(dir, 'new');
  mkdirSync(oldDir);
  mkdirSync(join(newDir, 'moved'), { recursive: true });
  for (const name of ['node-exporter.yaml', 'flannel.yaml', 'filebeat.yaml']) copyFileSync(join(CORPUS, name), join(oldDir, name));
  copyFileSync(join(examples, 'kube-proxy.yaml'), join(oldDir, 'kube-proxy.yaml'));

  // node-exporter: /host/sys mounted read-write, NET_ADMIN added.
  let exporter = replaced(corpus('node-exporter.yaml'), 'name: sys\n          readOnly: true', 'name: sys\n          readOnly: false');
  exporter = replaced(exporter, '            - SYS_TIME\n', '            - SYS_TIME\n            - NET_ADMIN\n');
  writeFileSync(join(newDir, 'node-exporter.yaml'), exporter);
  // flannel: moved to another file, unchanged.
  copyFileSync(join(CORPUS, 'flannel.yaml'), join(newDir, 'moved', 'kube-flannel.yml'));
  // filebeat: removed; kube-router: added.
  copyFileSync(join(CORPUS, 'kube-router.yaml'), join(newDir, 'kube-router.yaml'));
  // kube-proxy: the reason of its hostNetwork grant changed.
  const kubeProxy = readFileSync(join(examples, 'kube-proxy.yaml'), 'utf-8');
  writeFileSync(join(newDir, 'kube-proxy.yaml'), replaced(kubeProxy, 'implements Services in the node', 'serves Services in the node'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit --diff OLD NEW on directories', () => {
  test('json: each kind of change, objects matched by kind, namespace and name', async () => {
    const run = await runCli(['audit', '--diff', '--format', 'json', oldDir, newDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = run.json;
    expect(json.added).toBe(true);
    expect(json.errors).toEqual([]);
    const byName = (name: string) => json.objects.find((o: any) => o.name === name);

    const exporter = byName('node-exporter');
    expect(exporter).toMatchObject({ kind: 'DaemonSet', namespace: 'monitoring', status: 'changed', oldFile: join(oldDir, 'node-exporter.yaml'), newFile: join(newDir, 'node-exporter.yaml') });
    expect(exporter.added).toEqual([{ container: 'node-exporter', privilege: 'capability', target: 'NET_ADMIN' }]);
    expect(exporter.widened).toEqual([{ container: 'node-exporter', privilege: 'hostPath', target: '/sys', writable: true }]);
    expect(exporter.newSensitivePaths).toEqual([{ container: 'node-exporter', path: '/sys', writable: true, why: expect.any(String) }]);

    expect(exporter.moved).toBe(false);
    expect(byName('kube-flannel-ds')).toMatchObject({ status: 'changed', moved: true, oldFile: join(oldDir, 'flannel.yaml'), newFile: join(newDir, 'moved', 'kube-flannel.yml'), added: [], removed: [] });
    expect(byName('filebeat')).toMatchObject({ status: 'removed', oldFile: join(oldDir, 'filebeat.yaml') });
    expect(byName('kube-router')).toMatchObject({ status: 'added', newFile: join(newDir, 'kube-router.yaml'), level: { new: 'privileged' } });
    expect(byName('kube-proxy').grantReasons).toEqual([{ grant: 'hostNetwork', oldReason: expect.stringMatching(/^implements Services/), newReason: expect.stringMatching(/^serves Services/) }]);
    expect(byName('kube-proxy').added).toEqual([]);
  });

  test('--fail-on added: 1 when the change adds host access, 0 when it only removes or moves', async () => {
    expect((await runCli(['audit', '--diff', '--fail-on', 'added', oldDir, newDir])).status).toBe(1);
    // An object on the new side only adds all it holds.
    expect((await runCli(['audit', '--diff', '--fail-on', 'added', newDir, oldDir])).status).toBe(1);
    const back = await runCli(['audit', '--diff', '--format', 'json', '--fail-on', 'added', join(newDir, 'node-exporter.yaml'), join(oldDir, 'node-exporter.yaml')]);
    expect(back.json.objects).toEqual([expect.objectContaining({ removed: [{ container: 'node-exporter', privilege: 'capability', target: 'NET_ADMIN' }], narrowed: [expect.objectContaining({ target: '/sys' })] })]);
    expect(back.status).toBe(0);
    expect((await runCli(['audit', '--diff', '--fail-on', 'added', join(oldDir, 'flannel.yaml'), join(newDir, 'moved', 'kube-flannel.yml')])).status).toBe(0);
    expect((await runCli(['audit', '--diff', '--fail-on', 'added', oldDir, oldDir])).status).toBe(0);
    expect((await runCli(['audit', '--diff', oldDir, newDir])).status).toBe(0);
  });

  test('table and markdown name each change', async () => {
    const table = await runCli(['audit', '--diff', oldDir, newDir]);
    expect(table.stdout).toMatch(/^OBJECT +CHANGE +WHAT\n/);
    expect(table.stdout).toMatch(/DaemonSet monitoring\/node-exporter +added +capability NET_ADMIN \(node-exporter\)\n/);
    expect(table.stdout).toMatch(/\n +widened +hostPath \/sys rw \(node-exporter\) \(was read-only\)\n/);
    expect(table.stdout).toContain('object removed');
    expect(table.stdout).toMatch(/DaemonSet kube-flannel\/kube-flannel-ds +moved +\S+\/old\/flannel\.yaml -> \S+\/new\/moved\/kube-flannel\.yml\n/);
    expect(table.stdout.match(/ moved /g)).toHaveLength(1);
    expect(table.stdout).toMatch(/\n\d objects changed, 1 added, 1 removed, 0 unchanged; host access added\n$/);

    const markdown = await runCli(['audit', '--diff', '--format', 'markdown', oldDir, newDir]);
    expect(markdown.stdout).toContain('## Node-agent privilege drift (Pod Security v1.37)');
    expect(markdown.stdout).toContain('| DaemonSet monitoring/node-exporter | **added** | capability NET_ADMIN (node-exporter) |');
    expect(markdown.stdout).toContain('| **widened** | hostPath /sys rw (node-exporter) (was read-only) |');
  });

  test('files as well as directories; an unreadable input is exit 2, the rest still compared', async () => {
    const files = await runCli(['audit', '--diff', '--format', 'json', join(oldDir, 'node-exporter.yaml'), join(newDir, 'node-exporter.yaml')]);
    expect(files.status).toBe(0);
    expect(files.json.objects.map((o: any) => o.name)).toEqual(['node-exporter']);

    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
    const run = await runCli(['audit', '--diff', '--format', 'json', '--fail-on', 'added', join(oldDir, 'node-exporter.yaml'), join(dir, 'nothing-here')]);
    expect(run.status).toBe(2);
    expect(run.json.errors).toEqual([{ side: 'new', file: join(dir, 'nothing-here'), message: 'cannot read: no such file or directory' }]);
    expect(run.json.objects).toEqual([expect.objectContaining({ name: 'node-exporter', status: 'removed' })]);

    const table = await runCli(['audit', '--diff', broken, join(newDir, 'node-exporter.yaml')]);
    expect(table.status).toBe(2);
    expect(table.stdout).toContain(`error: old: ${broken}:4: invalid YAML: `);
    expect(table.stdout).toContain('object added');
  });

  test('the command line: two paths, and only the options that apply', async () => {
    for (const [args, message] of [
      [['audit', '--diff', oldDir], '--diff compares two sets of manifests: give OLD and NEW (a file or a directory each)'],
      [['audit', '--diff', oldDir, newDir, newDir], '--diff compares two sets of manifests: give OLD and NEW (a file or a directory each)'],
      [['audit', '--diff', '--format', 'sarif', oldDir, newDir], '--format sarif is for the audit; --diff writes table, json or markdown'],
      [['audit', '--diff', '--fail-on', 'error', oldDir, newDir], '--fail-on "error" does not apply to --diff: it fails only on added'],
    ] as Array<[string[], string]>) {
      const run = await runCli(args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`cdk8s-node-agents: ${message}`);
    }
  });
});
