import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';

/**
 * The library as users get it: packed with `npm pack`, installed from the tarball into a
 * fresh cdk8s app that has only cdk8s, constructs and cdk8s-plus-28, and the README's first
 * example synthesized there. `npm test` compiles lib/ before jest runs.
 */
const ROOT = join(__dirname, '..');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The files of the package: `files` in package.json, what npm always adds, and the bundled dependencies. */
const ALLOWED = [/^lib\/.+\.(js|d\.ts)$/, /^\.jsii$/, /^API\.md$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^docs\/[^/]+\.md$/, /^package\.json$/];
// js-yaml from vendor/js-yaml: its sources only, without its command-line tool and argparse.
const BUNDLED = ['js-yaml', 'yaml'];

test('the package holds only the library, its documentation and its bundled dependencies, within 500 kB', () => {
  const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--silent'], ROOT));
  const paths: string[] = pack.files.map((f: { path: string }) => f.path);
  const own = paths.filter(p => !p.startsWith('node_modules/'));
  expect(own.filter(p => !ALLOWED.some(re => re.test(p)))).toEqual([]);
  for (const required of ['lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js', '.jsii', 'API.md', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']) {
    expect(own).toContain(required);
  }
  const bundled = new Set(paths.filter(p => p.startsWith('node_modules/')).map(p => p.split('/')[1]));
  expect([...bundled].sort()).toEqual(BUNDLED);
  expect(paths.filter(p => /^node_modules\/js-yaml\/(dist|bin)\//.test(p))).toEqual([]);
  expect(pack.size).toBeLessThanOrEqual(500 * 1000);
});

test('the packed library installs into a fresh cdk8s app, and the README\'s first example writes its manifests there', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-node-agents-pack-'));
  run('npm', ['pack', '--pack-destination', dir, '--silent'], ROOT);
  const tarball = readdirSync(dir).find(f => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();

  const appDir = join(dir, 'app');
  mkdirSync(appDir);
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'consumer', version: '0.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', join(dir, tarball!), 'cdk8s@2.68.12', 'constructs@10.3.0', 'cdk8s-plus-28@2.5.6'], appDir);

  const readme = readFileSync(join(ROOT, 'README.md'), 'utf-8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)![1];
  writeFileSync(join(appDir, 'main.js'), ts.transpileModule(example, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
  run('node', ['main.js'], appDir);

  const file = join(appDir, 'dist', 'kindnet.k8s.yaml');
  expect(existsSync(file)).toBe(true);
  const yaml = readFileSync(file, 'utf-8');
  expect(yaml.match(/^kind: \w+$/gm)).toEqual(['kind: Namespace', 'kind: ServiceAccount', 'kind: DaemonSet']);
  expect(yaml).toContain('- NET_ADMIN');
  expect(yaml).toContain('priorityClassName: system-node-critical');
  expect(yaml).toContain('path: /etc/cni/net.d');

  // The command-line tool of the package audits what the app wrote.
  const report = JSON.parse(run(join(appDir, 'node_modules', '.bin', 'cdk8s-node-agents'), ['audit', '--format', 'json', file], appDir));
  expect(report.objects.map((o: any) => `${o.kind} ${o.level}`)).toEqual(['DaemonSet privileged']);
});
