import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { parse } from 'yaml';
import * as Index from '../src';
import { NodeAgentsValidation } from '../src';
import { auditDocuments } from '../src/report/audit';

const ROOT = join(__dirname, '..');
const CORPUS = join(__dirname, 'fixtures', 'corpus');
const CDK8S = join(ROOT, 'node_modules', '.bin', 'cdk8s');

let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'plugin-')); });
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the plugin as cdk8s-cli does: a ValidationContext over written manifests, with construct metadata. */
async function validate(manifests: string[], properties: Record<string, unknown> = {}, metadata: Record<string, { path: string }> = {}) {
  const context = new ValidationContext(manifests, 'cdk8s-node-agents', '0.0.0', metadata, false);
  await new NodeAgentsValidation(properties as any).validate(context);
  return context.report.toJson();
}

describe('the cdk8s-cli validation plugin', () => {
  test('reports every error and warning audit finds in the manifests, by resource and construct path', async () => {
    const file = join(CORPUS, 'node-exporter.yaml');
    const report = await validate([file], { failOn: 'warning' }, { 'node-exporter': { path: 'monitoring/node-exporter/node-exporter-clusterrolebinding' } });
    const audited = auditDocuments((loadAll(readFileSync(file, 'utf-8'), undefined, { schema: CORE_SCHEMA }) as unknown[]).map(doc => ({ file, doc })), 37);
    const expected = audited.objects.flatMap(o => o.findings.filter(f => f.severity !== 'info').map(f => ({ rule: `${f.id} (${f.severity})`, message: f.message, location: f.path })));
    expect(expected.length).toBe(3);
    const reported = report.violations.flatMap(v =>
      v.violatingConstructs.flatMap(c => c.locations.map(location => ({ rule: v.ruleName, message: v.recommendation, location }))));
    expect(reported).toEqual(expected);
    // Its ServiceAccount, ClusterRole and ClusterRoleBinding are named node-exporter too: cdk8s-cli's
    // metadata, keyed by name, would give the DaemonSet another object's construct path.
    expect(report.violations[0].violatingConstructs[0]).toEqual({
      resourceName: 'DaemonSet monitoring/node-exporter', manifestPath: file, locations: ['spec.template.spec.dnsPolicy'], constructPath: undefined,
    });
    expect(report.summary).toEqual({ status: 'failure', plugin: 'cdk8s-node-agents', version: '0.0.0', metadata: { policyVersion: 'v1.37', objects: '1', failOn: 'warning' } });
  });

  test('warnings do not fail the report unless failOn is warning', async () => {
    const report = await validate([join(CORPUS, 'node-exporter.yaml')]);
    expect(report.violations).toHaveLength(3);
    expect(report.summary.status).toBe('success');
  });

  test('an unreadable or invalid manifest fails the report, and the other manifests are still audited', async () => {
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, 'kind: [\n');
    const report = await validate([join(work, 'missing.yaml'), broken, join(CORPUS, 'node-exporter.yaml')]);
    expect(report.summary.status).toBe('failure');
    const inputs = report.violations.filter(v => v.ruleName === 'input-error');
    expect(inputs.map(v => v.violatingConstructs[0].manifestPath)).toEqual([join(work, 'missing.yaml'), broken]);
    expect(inputs[0].recommendation).toMatch(/^cannot read: ENOENT/);
    expect(inputs[1].recommendation).toMatch(/^invalid YAML: /);
    expect(report.violations.filter(v => v.ruleName !== 'input-error')).toHaveLength(3);
  });

  test('bad properties are reported in the report, not thrown while cdk8s loads plugins', async () => {
    const report = await validate([], { policyVersion: '1.30', failOn: 'info', extra: true });
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'plugin-properties',
      recommendation: 'the properties of the cdk8s-node-agents validation in cdk8s.yaml are invalid: policyVersion "1.30" is not "latest" or "v1.N" (for example "v1.30"); failOn "info" is not one of "error", "warning"; unknown property "extra"; the properties are policyVersion and failOn',
    })]);
  });

  test("the README's cdk8s.yaml snippet names the exported class, a pinned version and valid properties", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf-8');
    const snippet = /```yaml\n# cdk8s.yaml\n([\s\S]*?)```/.exec(readme)![1];
    const [entry] = parse(snippet).validations;
    expect(entry).toMatchObject({ package: 'cdk8s-node-agents', class: 'NodeAgentsValidation' });
    expect(entry.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(typeof (Index as any)[entry.class]).toBe('function');
    expect((await validate([], entry.properties)).summary.status).toBe('success');
  });

  test('runs under `cdk8s synth` of cdk8s-cli, which fails with exit code 2 on a failed report', () => {
    // cdk8s-cli loads a local plugin with require(): the compiled package (npm test compiles first).
    expect(existsSync(join(ROOT, 'lib', 'index.js'))).toBe(true);
    const project = join(work, 'project');
    mkdirSync(project);
    for (const file of ['node-exporter.yaml', 'flannel.yaml']) copyFileSync(join(CORPUS, file), join(project, file));
    writeFileSync(join(project, 'main.js'), [
      `const { App, Chart, Include } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
      'const app = new App();',
      "const chart = new Chart(app, 'monitoring');",
      "new Include(chart, 'node-exporter', { url: 'node-exporter.yaml' });",
      "new Include(chart, 'flannel', { url: 'flannel.yaml' });",
      'app.synth();',
    ].join('\n'));
    const config = (failOn: string) => [
      'language: typescript',
      'app: node main.js',
      'validations:',
      `  - package: ${ROOT}`,
      '    version: 0.0.0',
      '    class: NodeAgentsValidation',
      `    properties: { failOn: ${failOn} }`,
    ].join('\n');
    const synth = () => spawnSync(CDK8S, ['synth', '--no-check-upgrade', '--plugins-dir', join(work, 'plugins')], { cwd: project, encoding: 'utf-8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });

    writeFileSync(join(project, 'cdk8s.yaml'), config('warning'));
    const failing = synth();
    expect(failing.status).toBe(2);
    expect(failing.stdout).toContain('Validation Report (');
    expect(failing.stdout).toContain('host-network-dns (warning)');
    expect(failing.stdout).toContain('Resource Name: DaemonSet monitoring/node-exporter');
    expect(failing.stdout).toContain('Construct Path: monitoring/flannel/kube-flannel-ds-daemonset-kube-flannel');
    expect(failing.stdout).toContain('Manifest Path: dist/monitoring.k8s.yaml');
    expect(failing.stderr).toContain('Validation failed. See above reports for details');

    writeFileSync(join(project, 'cdk8s.yaml'), config('error'));
    const passing = synth();
    expect(passing.stderr).toBe('');
    expect(passing.status).toBe(0);
    expect(passing.stdout).toContain('Validations ended succesfully');
  });
});
