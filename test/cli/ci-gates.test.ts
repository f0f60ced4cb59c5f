import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { App, YamlOutputType } from 'cdk8s';
import type * as sarif from 'sarif';
import { runCli } from './support';
import { buildExamples } from '../../examples/main';
import { auditDocuments } from '../../src/report/audit';
import { sarifChunks, toSarif } from '../../src/report/format-sarif';
import { CORPUS } from '../support/fixtures';

// The schema test/sarif.test.ts validates against: SARIF 2.1.0 (draft-04) as @microsoft/jest-sarif ships it, MIT.
const SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf-8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(SCHEMA);

let dir: string;
let examples: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ci-gates-'));
  examples = join(dir, 'examples');
  const app = new App({ outdir: examples, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  app.synth();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flannel = join(CORPUS, 'flannel.yaml');
const nodeExporter = join(CORPUS, 'node-exporter.yaml');

describe('--format sarif', () => {
  test('the corpus: a SARIF 2.1.0 log that validates, each result at the line of its field', async () => {
    const run = await runCli(['audit', '--format', 'sarif', CORPUS]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const log = JSON.parse(run.stdout) as sarif.Log;
    expect(validateSchema(log)).toBe(true);
    expect(validateSchema.errors ?? []).toEqual([]);
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const results = log.runs[0].results!;
    // Every corpus file with a pod template has results, and every result points into the file it names.
    const files = new Set(results.map(r => r.locations![0].physicalLocation!.artifactLocation!.uri));
    expect(files.size).toBe(9);
    for (const r of results) {
      const location = r.locations![0].physicalLocation!;
      const text = readFileSync(decodeURIComponent(location.artifactLocation!.uri!.replace(/^file:\/\//, '')), 'utf-8');
      expect(location.region!.startLine).toBeLessThanOrEqual(text.split('\n').length);
    }
    // A field's line, not line 1: flannel's hostNetwork violation is at `hostNetwork: true`.
    const flannelLines = readFileSync(flannel, 'utf-8').split('\n');
    const hostNetwork = results.find(r => r.ruleId === 'pod-security/hostNamespaces' && r.message.text!.includes('kube-flannel-ds'))!;
    const line = hostNetwork.locations![0].physicalLocation!.region!.startLine!;
    expect(flannelLines[line - 1]).toMatch(/^\s+hostNetwork: true$/);
    // Results and nothing else reach stdout: the log ends the output.
    expect(run.stdout.endsWith('}\n')).toBe(true);
  });

  test('written a result at a time, byte for byte what JSON.stringify writes of the whole log', async () => {
    const run = await runCli(['audit', '--format', 'sarif', flannel, nodeExporter]);
    expect(run.stdout).toBe(JSON.stringify(JSON.parse(run.stdout), null, 2) + '\n');
    const docs = [{ file: 'a.yaml', doc: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'i' }] } } }];
    for (const result of [auditDocuments([], 37), auditDocuments(docs, 37, [{ file: 'b.yaml', message: 'x' }])]) {
      const chunks = [...sarifChunks(result)];
      expect(chunks.length).toBe(toSarif(result).runs[0].results!.length + 2);
      expect(chunks.join('')).toBe(JSON.stringify(toSarif(result), null, 2) + '\n');
    }
  });

  test('the examples: granted privileges are suppressed with their reasons; the log validates', async () => {
    const run = await runCli(['audit', '--format', 'sarif', examples]);
    expect(run.status).toBe(0);
    const log = JSON.parse(run.stdout) as sarif.Log;
    expect(validateSchema(log)).toBe(true);
    const granted = log.runs[0].results!.filter(r => r.ruleId!.startsWith('granted/'));
    expect(granted.length).toBeGreaterThan(20);
    for (const r of granted) {
      expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: (r.properties as any).grant.reason }]);
      expect(r.suppressions![0].justification!.length).toBeGreaterThan(0);
      // The line of the grants annotation of the object.
      const uri = r.locations![0].physicalLocation!.artifactLocation!.uri!;
      const text = readFileSync(uri.replace(/^file:\/\//, ''), 'utf-8').split('\n');
      expect(text[r.locations![0].physicalLocation!.region!.startLine! - 1]).toMatch(/node-agents\.cdk8s\.io\/grants:/);
    }
  });

  test('standard input: results at line 1 of "-", helm sources are not read from disk', async () => {
    const text = readFileSync(flannel, 'utf-8');
    const helm = text.split(/^---$/m).map(doc => `---\n# Source: flannel/templates/daemonset.yaml\n${doc.trim()}\n`).join('');
    const run = await runCli(['audit', '--format', 'sarif', '-'], helm);
    const log = JSON.parse(run.stdout) as sarif.Log;
    expect(validateSchema(log)).toBe(true);
    const locations = log.runs[0].results!.map(r => r.locations![0].physicalLocation!);
    expect(new Set(locations.map(l => l.artifactLocation!.uri))).toEqual(new Set(['flannel/templates/daemonset.yaml']));
    expect(new Set(locations.map(l => l.region!.startLine))).toEqual(new Set([1]));
  });

  test('an unreadable input is a tool notification and exit 2; the readable ones still have results', async () => {
    const missing = join(dir, 'missing.yaml');
    const run = await runCli(['audit', '--format', 'sarif', missing, flannel]);
    expect(run.status).toBe(2);
    const log = JSON.parse(run.stdout) as sarif.Log;
    expect(validateSchema(log)).toBe(true);
    expect(log.runs[0].invocations![0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations![0].toolExecutionNotifications![0].message.text).toBe('cannot read: no such file or directory');
    expect(log.runs[0].results!.length).toBeGreaterThan(5);
  });
});

describe('--fail-on ungranted', () => {
  test('upstream YAML holds host access without a grant: exit 1, and the JSON says which', async () => {
    const run = await runCli(['audit', '--format', 'json', '--fail-on', 'ungranted', nodeExporter]);
    expect(run.status).toBe(1);
    const ungranted = run.json.objects[0].ungranted;
    expect(ungranted).toEqual(expect.arrayContaining([
      { privilege: 'hostNetwork', path: 'spec.template.spec.hostNetwork' },
      { privilege: 'hostPID', path: 'spec.template.spec.hostPID' },
      { privilege: 'capability', container: 'node-exporter', target: 'SYS_TIME', path: 'spec.template.spec.containers[0].securityContext.capabilities.add' },
      { privilege: 'hostPath', container: 'node-exporter', target: '/sys', writable: false, path: expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]/) },
      { privilege: 'hostPort', container: 'kube-rbac-proxy', target: '9100/TCP', path: expect.stringMatching(/^spec\.template\.spec\.containers\[1\]\.ports\[0\]/) },
    ]));
    // The other gates do not look at grants.
    expect((await runCli(['audit', '--fail-on', 'error', nodeExporter])).status).toBe(0);
  });

  test('the table says on standard error what is held without a grant', async () => {
    const run = await runCli(['audit', '--fail-on', 'ungranted', nodeExporter]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('DaemonSet monitoring/node-exporter  privileged');
    expect(run.stderr).toContain('cdk8s-node-agents: --fail-on ungranted: host access held without a recorded grant:');
    expect(run.stderr).toContain('DaemonSet monitoring/node-exporter: capability SYS_TIME (node-exporter) at spec.template.spec.containers[0].securityContext.capabilities.add');
    // Bounded: twenty pieces, then a count.
    const calico = await runCli(['audit', '--fail-on', 'ungranted', join(CORPUS, 'calico.yaml')]);
    expect(calico.status).toBe(1);
    expect(calico.stderr.split('\n').filter(l => l.startsWith('  DaemonSet') || l.startsWith('  Deployment'))).toHaveLength(20);
    expect(calico.stderr).toMatch(/\n {2}\.\.\. and \d+ more \(--format json lists each object's "ungranted" and "absentGrants"\)\n$/);
  });

  test('the agents of this library hold only granted access: exit 0, nothing ungranted', async () => {
    const run = await runCli(['audit', '--format', 'json', '--fail-on', 'ungranted', examples]);
    expect(run.json.errors).toEqual([]);
    expect(run.json.objects.length).toBeGreaterThanOrEqual(10);
    expect(run.json.objects.filter((o: any) => o.ungranted.length)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  test('a grant removed from the record, or one recorded but not held: exit 1', async () => {
    const kubeProxy = readFileSync(join(examples, 'kube-proxy.yaml'), 'utf-8');
    const annotation = /node-agents\.cdk8s\.io\/grants: (.*)$/m.exec(kubeProxy)!;
    const grants = JSON.parse(JSON.parse(annotation[1]));
    const edited = (g: any[]) => kubeProxy.replace(annotation[0], `node-agents.cdk8s.io/grants: ${JSON.stringify(JSON.stringify(g))}`);

    const withoutHostNetwork = join(dir, 'kube-proxy-ungranted.yaml');
    writeFileSync(withoutHostNetwork, edited(grants.filter((g: any) => g.privilege !== 'hostNetwork')));
    const ungranted = await runCli(['audit', '--format', 'json', '--fail-on', 'ungranted', withoutHostNetwork]);
    expect(ungranted.status).toBe(1);
    expect(ungranted.json.objects.find((o: any) => o.kind === 'DaemonSet').ungranted).toEqual([{ privilege: 'hostNetwork', path: 'spec.template.spec.hostNetwork' }]);

    const claimsMore = join(dir, 'kube-proxy-absent.yaml');
    writeFileSync(claimsMore, edited([...grants, { privilege: 'hostPID', reason: 'never held' }]));
    const absent = await runCli(['audit', '--format', 'json', '--fail-on', 'ungranted', claimsMore]);
    expect(absent.status).toBe(1);
    const ds = absent.json.objects.find((o: any) => o.kind === 'DaemonSet');
    expect(ds.ungranted).toEqual([]);
    expect(ds.absentGrants).toEqual([{ privilege: 'hostPID', reason: 'never held' }]);
  });

  test('--fail-on added belongs to --diff', async () => {
    const run = await runCli(['audit', '--fail-on', 'added', flannel]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cdk8s-node-agents: --fail-on added compares two sets of manifests: use it with --diff OLD NEW');
  });
});
