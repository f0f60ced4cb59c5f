import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { NodeAgentDaemonSet } from '../src';
import { STRICT_COMPILER_OPTIONS } from './support/expected';
import { warningsOnly } from './support/output';

/**
 * Every TypeScript block of the README, and every `@example` of API.md, is a complete program: it
 * type-checks against the library as written (imports from 'cdk8s-node-agents' resolve to src/)
 * and, run, writes its manifests with `app.synth()` without a warning.
 */
const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf-8');
const BLOCKS = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
/** The types of the assembly `npm test` compiles before jest runs, with their docs. */
const TYPES = JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf-8')).types as Record<string, any>;
/** The `@example` of each type. */
const API_EXAMPLES: Record<string, string> = Object.fromEntries(
  Object.entries(TYPES)
    .filter(([, type]) => type.docs?.example)
    .map(([fqn, type]) => [fqn.replace(/^cdk8s-node-agents\./, ''), type.docs.example]),
);

const OPTIONS: ts.CompilerOptions = {
  ...STRICT_COMPILER_OPTIONS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  baseUrl: ROOT,
  paths: { 'cdk8s-node-agents': ['src/index.ts'] },
  types: ['node'],
};

/** Type errors of each block, as `readme-block-N.ts:LINE: message`; the blocks are checked in memory. */
function typeErrors(blocks: string[]): string[] {
  const files = new Map(blocks.map((code, i) => [join(ROOT, `readme-block-${i + 1}.ts`), code]));
  const host = ts.createCompilerHost(OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = f => files.has(f) || fileExists.call(host, f);
  host.readFile = f => files.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, version, ...rest) => files.has(f)
    ? ts.createSourceFile(f, files.get(f)!, version, true)
    : getSourceFile.call(host, f, version, ...rest);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  return [...files.keys()].flatMap(f => ts.getPreEmitDiagnostics(program, program.getSourceFile(f)).map(d => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file?.fileName.slice(ROOT.length + 1)}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  }));
}

/** Runs a block as CommonJS with 'cdk8s-node-agents' resolved to src/; returns the manifests it wrote, by file. */
function run(code: string): Record<string, any[]> {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(code, { compilerOptions }).outputText;
  const outdir = mkdtempSync(join(tmpdir(), 'readme-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (id: string) => require(id === 'cdk8s-node-agents' ? join(ROOT, 'src') : id);
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir; // where `new App()` writes when no outdir is given
  try {
    const module = { exports: {} };
    new Function('require', 'module', 'exports', js)(load, module, module.exports);
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = previous;
  }
  return Object.fromEntries(readdirSync(outdir).map(f => [f, parseAllDocuments(readFileSync(join(outdir, f), 'utf-8')).map(d => d.toJS())]));
}

test('the README has TypeScript examples, each a complete program that writes its manifests', () => {
  expect(BLOCKS.length).toBeGreaterThanOrEqual(2);
  for (const code of BLOCKS) expect(code).toMatch(/\bapp\.synth\(\);/);
});

test('every TypeScript block of the README type-checks against the library', () => {
  expect(typeErrors(BLOCKS)).toEqual([]);
});

test('a type error in a block is reported with its block and line', () => {
  expect(typeErrors(['import { NodeAgentDaemonSet } from \'cdk8s-node-agents\';\nconst n: number = NodeAgentDaemonSet;\n'])).toEqual([
    expect.stringMatching(/^readme-block-1\.ts:2: Type 'typeof NodeAgentDaemonSet' is not assignable to type 'number'/),
  ]);
});

test('the first example writes the namespace, the service account and the agent to dist/kindnet.k8s.yaml', () => {
  const written = run(BLOCKS[0]);
  expect(Object.keys(written)).toEqual(['kindnet.k8s.yaml']);
  const manifests = written['kindnet.k8s.yaml'];
  expect(manifests.map(m => m.kind)).toEqual(['Namespace', 'ServiceAccount', 'DaemonSet']);
  const spec = manifests[2].spec.template.spec;
  expect(spec.containers[0].securityContext.capabilities).toEqual({ add: ['NET_RAW', 'NET_ADMIN'], drop: ['ALL'] });
  expect(manifests[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
});

test('every other example of the README runs and writes at least one manifest', () => {
  for (const code of BLOCKS.slice(1)) {
    // Some examples show warnings on purpose.
    const written = Object.values(warningsOnly(() => run(code))).flat();
    expect(written.length).toBeGreaterThan(0);
    expect(written.every(m => typeof m.kind === 'string')).toBe(true);
  }
});

test('the core classes have an example in API.md, each a complete program', () => {
  expect(Object.keys(API_EXAMPLES)).toEqual(expect.arrayContaining(['NodeAgentDaemonSet', 'AgentContainer', 'CriticalPriorityClass', 'NodeAgentNamespace']));
  for (const code of Object.values(API_EXAMPLES)) expect(code).toMatch(/\bapp\.synth\(\);/);
});

test('every example of API.md type-checks against the library', () => {
  expect(typeErrors(Object.values(API_EXAMPLES))).toEqual([]);
});

test.each(Object.entries(API_EXAMPLES))('the example of %s writes its manifests', (_, code) => {
  const written = Object.values(run(code)).flat();
  expect(written.map(m => m.kind)).toContain('DaemonSet');
});

test('the escape hatch of the README: the library checks the object after JSON patches', () => {
  const code = BLOCKS.find(b => b.includes('addJsonPatch'))!;
  expect(Object.values(run(code)).flat().find(m => m.kind === 'DaemonSet').spec.revisionHistoryLimit).toBe(3);

  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'readme-')) });
  const agent = new NodeAgentDaemonSet(new Chart(app, 'c', { namespace: 'kube-system' }), 'agent');
  agent.addContainer({ name: 'cni', image: 'example/cni:1.0' }).grantPrivileged({ reason: 'loads eBPF programs' });
  ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', false));
  expect(() => app.synth()).toThrow(/allowPrivilegeEscalation: false is rejected together with privileged: true/);
});

test('every summary of API.md is a whole sentence, not cut at a semicolon', () => {
  // jsii ends a summary at the first `;`, `.`, `!` or `?` followed by a space.
  const summaries = Object.entries(TYPES).flatMap(([fqn, type]) => [
    [fqn, type.docs], ...[...type.methods ?? [], ...type.properties ?? [], ...type.members ?? []].map((m: any) => [`${fqn}.${m.name}`, m.docs]),
  ]).filter(([, docs]) => docs?.summary);
  expect(summaries.length).toBeGreaterThan(100);
  expect(summaries.filter(([, docs]) => /;$|\b(e\.g|i\.e|etc)\.$/.test(docs.summary)).map(([name, docs]) => `${name}: ${docs.summary}`)).toEqual([]);
});
