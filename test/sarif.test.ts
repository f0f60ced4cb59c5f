import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { App, YamlOutputType } from 'cdk8s';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import type * as sarif from 'sarif';
import { buildExamples } from '../examples/main';
import { ALL_RULES } from '../src/checks/registry';
import { auditDocuments, AuditResult } from '../src/report/audit';
import { formatSarif, toSarif } from '../src/report/format-sarif';

const CORPUS = join(__dirname, 'fixtures', 'corpus');
// The SARIF 2.1.0 schema (draft-04) as @microsoft/jest-sarif ships it, under MIT: the OASIS
// repository's own copy is not under an open-source licence.
const SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf-8'));
// unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-unicode regular expressions accept.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(SCHEMA);

let outdir: string;
beforeAll(() => { outdir = mkdtempSync(join(tmpdir(), 'sarif-')); });
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Audits YAML files as the CLI does (file names as given), keeping their text for lines. */
function audit(files: Record<string, string>): { result: AuditResult; read: (file: string) => string | undefined } {
  const docs = Object.entries(files).flatMap(([file, text]) =>
    (loadAll(text, undefined, { schema: CORE_SCHEMA }) as unknown[]).filter(d => d != null).map(doc => ({ file, doc })));
  return { result: auditDocuments(docs, 37), read: file => files[file] };
}

function corpus(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map(n => [`corpus/${n}`, readFileSync(join(CORPUS, n), 'utf-8')]));
}

/** Every example agent, synthesized to YAML files. */
function examples(): Record<string, string> {
  const dir = join(outdir, 'examples');
  const app = new App({ outdir: dir, outputFileExtension: '.yaml', yamlOutputType: YamlOutputType.FILE_PER_CHART });
  buildExamples(app);
  app.synth();
  return Object.fromEntries(readdirSync(dir).sort().map(f => [`dist/examples/${f}`, readFileSync(join(dir, f), 'utf-8')]));
}

/** What GitHub code scanning requires beyond the schema (docs: SARIF support for code scanning). */
function expectGitHubFields(log: sarif.Log): void {
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  expect(log.version).toBe('2.1.0');
  for (const run of log.runs) {
    expect(run.tool.driver.name).toBe('cdk8s-node-agents');
    const rules = run.tool.driver.rules!;
    expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.shortDescription!.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription!.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help!.text).toMatch(/https:\/\/\S+/);
    }
    for (const result of run.results!) {
      expect(rules[result.ruleIndex!].id).toBe(result.ruleId);
      expect(result.message.text!.length).toBeGreaterThan(0);
      expect(result.locations).toHaveLength(1);
      expect(result.locations![0].physicalLocation!.artifactLocation!.uri).toBeTruthy();
      expect(result.locations![0].physicalLocation!.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.values(result.partialFingerprints!)[0]).toMatch(/^[0-9a-f]{64}$/);
    }
    const fingerprints = run.results!.map(r => JSON.stringify(r.partialFingerprints));
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  }
}

function expectValid(log: sarif.Log): void {
  const valid = validateSchema(log);
  expect(validateSchema.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expectGitHubFields(log);
}

describe('SARIF 2.1.0', () => {
  test('the corpus files: valid, one result per finding and violation, each at the line of its field', () => {
    const { result, read } = audit(corpus('flannel.yaml', 'node-exporter.yaml'));
    const log = JSON.parse(formatSarif(result, { readSource: read, toolVersion: '1.2.3' })) as sarif.Log;
    expectValid(log);
    const results = log.runs[0].results!;
    const findings = result.objects.flatMap(o => o.findings);
    const violations = result.objects.flatMap(o => o.violations);
    expect(results.filter(r => !r.ruleId!.startsWith('pod-security/') && !r.ruleId!.startsWith('granted/')).map(r => r.ruleId)).toEqual(findings.map(f => f.id));
    expect(results.filter(r => r.ruleId!.startsWith('pod-security/')).map(r => r.ruleId)).toEqual(violations.map(v => `pod-security/${v.check}`));
    expect(log.runs[0].tool.driver.version).toBe('1.2.3');

    // node-exporter mounts / read-only: the result points at that volumeMounts item.
    const text = read('corpus/node-exporter.yaml')!.split('\n');
    const rootMount = results.find(r => r.ruleId === 'host-path-access' && r.message.text!.includes('mounts / read-only'))!;
    const region = rootMount.locations![0].physicalLocation!;
    expect(region.artifactLocation).toEqual({ uri: 'corpus/node-exporter.yaml', uriBaseId: '%SRCROOT%' });
    expect(text[region.region!.startLine! - 1]).toMatch(/^\s*- mountPath: \/host\/root$/);
    expect(rootMount).toMatchObject({ level: 'warning', properties: { field: 'spec.template.spec.containers[0].volumeMounts[1]' } });
    // A field that is not there (dnsPolicy unset) points at the nearest one above it.
    const dns = results.find(r => r.ruleId === 'host-network-dns' && r.message.text!.startsWith('DaemonSet monitoring/node-exporter'))!;
    expect(text[dns.locations![0].physicalLocation!.region!.startLine! - 1]).toMatch(/^\s{4}spec:$/);
    // Pod Security violations point at their first field.
    const hostPid = results.find(r => r.ruleId === 'pod-security/hostNamespaces' && r.message.text!.startsWith('DaemonSet monitoring/node-exporter'))!;
    expect(text[hostPid.locations![0].physicalLocation!.region!.startLine! - 1]).toMatch(/^\s*hostNetwork: true$/);
  });

  test('the examples: valid, and each granted privilege is a result suppressed with its reason', () => {
    const { result, read } = audit(examples());
    const log = toSarif(result, { readSource: read });
    expectValid(log);
    const grants = result.objects.flatMap(o => o.grants.map(g => ({ obj: o, g })));
    expect(grants.length).toBeGreaterThan(40);
    const granted = log.runs[0].results!.filter(r => r.ruleId!.startsWith('granted/'));
    expect(granted).toHaveLength(grants.length);
    granted.forEach((r, i) => {
      const { obj, g } = grants[i];
      expect(r.ruleId).toBe(`granted/${g.privilege}`);
      expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: g.reason }]);
      expect(r.message.text).toContain(`${obj.kind} ${obj.namespace}/${obj.name} holds ${g.privilege}`);
      expect(r.message.text).toContain(`because: ${g.reason}`);
      // Grants point at the grants annotation.
      const line = read(obj.file)!.split('\n')[r.locations![0].physicalLocation!.region!.startLine! - 1];
      expect(line).toMatch(/^\s*node-agents\.cdk8s\.io\/grants: /);
    });
    // Nothing else is suppressed.
    expect(log.runs[0].results!.filter(r => r.suppressions).length).toBe(grants.length);
  });

  test('a grant without a reason stays open, unsuppressed', () => {
    const ds = loadAll(readFileSync(join(CORPUS, 'node-exporter.yaml'), 'utf-8'))[0] as any;
    ds.metadata.annotations = { 'node-agents.cdk8s.io/grants': JSON.stringify([{ privilege: 'hostPID' }, { privilege: 'hostNetwork', reason: 'scrapes the node' }]) };
    const log = toSarif(auditDocuments([{ file: 'ds.yaml', doc: ds }], 37));
    expectValid(log);
    const granted = log.runs[0].results!.filter(r => r.ruleId!.startsWith('granted/'));
    expect(granted.map(r => [r.ruleId, r.suppressions])).toEqual([
      ['granted/hostPID', undefined],
      ['granted/hostNetwork', [{ kind: 'external', status: 'accepted', justification: 'scrapes the node' }]],
    ]);
    expect(granted[0].message.text).toBe('DaemonSet monitoring/node-exporter holds hostPID, granted without a reason');
  });

  test('fingerprints follow the object, not the file or the line: a moved file keeps its alerts', () => {
    const text = readFileSync(join(CORPUS, 'node-exporter.yaml'), 'utf-8');
    const before = toSarif(audit({ 'a/node-exporter.yaml': text }).result);
    const moved = toSarif(audit({ 'b/moved.yaml': `# moved\n\n${text}` }).result);
    expect(moved.runs[0].results!.map(r => r.partialFingerprints)).toEqual(before.runs[0].results!.map(r => r.partialFingerprints));
    expect(moved.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri).toBe('b/moved.yaml');
  });

  test('without the source, or from standard input, results point at line 1; inputs that failed are notifications', () => {
    const { result } = audit({ '-': readFileSync(join(CORPUS, 'node-exporter.yaml'), 'utf-8') });
    const log = toSarif({ ...result, errors: [{ file: 'broken.yaml', line: 4, message: 'invalid YAML: bad indentation' }] }, { readSource: () => 'kind: x' });
    expectValid(log);
    expect(log.runs[0].results!.every(r => r.locations![0].physicalLocation!.region!.startLine === 1)).toBe(true);
    expect(log.runs[0].invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [{
        level: 'error',
        message: { text: 'invalid YAML: bad indentation' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } } }],
      }],
    }]);
  });

  test('the schema check catches a broken log', () => {
    const log = toSarif(audit(corpus('node-exporter.yaml')).result) as any;
    log.runs[0].results[0].suppressions = [{ kind: 'ignored' }];
    expect(validateSchema(log)).toBe(false);
  });

  test('every rule has the description docs/RULES.md gives it', () => {
    const rows = Object.fromEntries([...readFileSync(join(__dirname, '..', 'docs', 'RULES.md'), 'utf-8').matchAll(/^\| `([a-z0-9-]+)` \| (.*) \|\s*$/gm)]
      .map(m => { const cells = m[2].split(' | '); return [m[1], cells.length === 2 ? cells[0] : cells[1]]; }));
    expect(Object.fromEntries(ALL_RULES.map(r => [r.id, r.description]))).toEqual(rows);
  });
});
