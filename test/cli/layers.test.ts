import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * The audit command reads YAML with the model and the checks alone: loading it must not load
 * cdk8s, constructs or cdk8s-plus (docs/ARCHITECTURE.md). Checked on the compiled CLI, which is
 * what users run.
 */
test('the audit CLI loads neither cdk8s, constructs nor cdk8s-plus', () => {
  const main = join(__dirname, '..', '..', 'lib', 'cli', 'main.js');
  const manifest = join(__dirname, '..', 'fixtures', 'corpus', 'flannel.yaml');
  const probe = `
    const Module = require('module');
    const load = Module._load;
    const loaded = new Set();
    Module._load = function (request, ...rest) { loaded.add(request); return load.call(this, request, ...rest); };
    process.argv = [process.argv[0], ${JSON.stringify(main)}, 'audit', ${JSON.stringify(manifest)}];
    process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify([...loaded]) + '\\n'));
    require(${JSON.stringify(main)});
  `;
  const { stderr } = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf-8' });
  const line = stderr.split('\n').find(l => l.startsWith('LOADED '));
  const loaded: string[] = JSON.parse(line!.slice('LOADED '.length));
  // It did read and check the manifest:
  expect(loaded.filter(r => r.endsWith('/registry'))).not.toEqual([]);
  expect(loaded.filter(r => /^(cdk8s|cdk8s-plus-28|constructs)(\/|$)/.test(r))).toEqual([]);
});
