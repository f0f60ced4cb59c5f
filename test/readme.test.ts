import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

/** The README's first TypeScript example runs as written against the library. */
test('the README example synthesizes a namespace, a service account and the agent', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf-8');
  const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]
    .replace("from 'cdk8s-node-agents'", `from ${JSON.stringify(join(__dirname, '..', 'src'))}`)
    + '\nmodule.exports = chart.toJson();\n';
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  // Inside the repository (in the ignored .tmp/), so that cdk8s and cdk8s-plus resolve.
  const dir = join(__dirname, '..', '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'readme-example.js');
  writeFileSync(file, js);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const manifests: any[] = require(file);
  expect(manifests.map(m => m.kind)).toEqual(['Namespace', 'ServiceAccount', 'DaemonSet']);
  const spec = manifests[2].spec.template.spec;
  expect(spec.containers[0].securityContext.capabilities).toEqual({ add: ['NET_RAW', 'NET_ADMIN'], drop: ['ALL'] });
  expect(manifests[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
});
