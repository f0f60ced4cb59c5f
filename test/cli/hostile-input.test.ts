import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from './support';
import { run } from '../../src/cli/run';

/** Root can read any directory, so an unreadable one is simulated where the walk lists it. */
let unreadable: string | undefined;
jest.mock('fs', () => {
  const actual = jest.requireActual('fs');
  return {
    ...actual,
    readdirSync: (path: string, ...rest: unknown[]) => {
      if (String(path) === unreadable) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
      return actual.readdirSync(path, ...rest);
    },
  };
});

/** What an attacker (or an unlucky pipeline) can hand `audit`: each is refused by name, the rest still reported. */
const dir = fs.mkdtempSync(join(tmpdir(), 'audit-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => { unreadable = undefined; });
const file = (name: string, text: string) => {
  const path = join(dir, name);
  fs.mkdirSync(join(path, '..'), { recursive: true });
  fs.writeFileSync(path, text);
  return path;
};

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${extra}spec:
  containers: [{ name: c, image: i }]
`;

test('an alias bomb in metadata.name is refused with its file and line; the good file is still reported', async () => {
  const levels = ['x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) levels.push(`x${i}: &${'a'.repeat(i + 1)} [${Array(9).fill(`*${'a'.repeat(i)}`).join(', ')}]`);
  const bomb = file('bomb.yaml', `${pod('ok')}---\napiVersion: v1\nkind: Pod\n${levels.join('\n')}\nmetadata:\n  name: *aaaaaaaaa\n`);
  expect(fs.statSync(bomb).size).toBeLessThan(1000);
  const good = file('good.yaml', pod('good'));
  const result = await runCli(['audit', '--format', 'json', bomb, good]);
  expect(result.status).toBe(2);
  expect(result.json.errors).toEqual([{ file: bomb, line: 8, message: 'aliases and merge keys expand to more than 100000 nodes (raise the limit with --max-alias-nodes)' }]);
  expect(result.json.objects.map((o: any) => o.name)).toEqual(['ok', 'good']);
});

test('FIFOs, devices and sockets are refused by path without being opened for a blocking read', async () => {
  const fifo = join(dir, 'fifo.yaml');
  execFileSync('mkfifo', [fifo]);
  const good = file('good.yaml', pod('good'));
  const result = await runCli(['audit', '--format', 'json', fifo, '/dev/zero', '/dev/null', good]);
  expect(result.json.errors).toEqual([
    { file: fifo, message: 'not a regular file (a FIFO): only files, directories and - (standard input) are read' },
    { file: '/dev/zero', message: 'not a regular file (a character device): only files, directories and - (standard input) are read' },
    { file: '/dev/null', message: 'not a regular file (a character device): only files, directories and - (standard input) are read' },
  ]);
  expect(result.json.objects.map((o: any) => o.name)).toEqual(['good']);
  // In a directory too.
  const inDir = await runCli(['audit', '--format', 'json', dir]);
  expect(inDir.json.errors).toContainEqual({ file: fifo, message: expect.stringMatching(/^not a regular file \(a FIFO\)/) });
});

describe('size limits', () => {
  test('a file over --max-input-size is refused before it is read', async () => {
    const big = file('big.yaml', pod('big', `  annotations: { note: "${'x'.repeat(2000)}" }\n`));
    const result = await runCli(['audit', '--format', 'json', '--max-input-size', '1Ki', big, file('good.yaml', pod('good'))]);
    expect(result.json.errors).toEqual([{ file: big, message: 'the file is larger than 1 KiB (raise the limit with --max-input-size)' }]);
    expect(result.json.objects.map((o: any) => o.name)).toEqual(['good']);
    expect((await runCli(['audit', '--format', 'json', '--max-input-size', '4Ki', big])).json.objects.map((o: any) => o.name)).toEqual(['big']);
  });

  test('endless standard input stops at the limit', async () => {
    let produced = 0;
    async function* zeros() {
      for (;;) {
        produced += 64 * 1024;
        yield Buffer.alloc(64 * 1024);
      }
    }
    const stdout: string[] = [];
    const code = await run(['audit', '--format', 'json', '--max-input-size', '1Mi', '-'], { stdin: zeros(), stdout: { write: (t: string) => stdout.push(t) }, stderr: { write: () => true } });
    expect(code).toBe(2);
    expect(JSON.parse(stdout.join('')).errors).toEqual([{ file: '-', message: 'standard input is larger than 1 MiB (raise the limit with --max-input-size)' }]);
    expect(produced).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
  });

  test('zeros within the limit are not YAML: an error with the line, no crash', async () => {
    const result = await runCli(['audit', '--format', 'json', '-'], Buffer.alloc(4096));
    expect(result.json.errors).toEqual([{ file: '-', line: 1, message: 'invalid YAML: null byte is not allowed in input' }]);
  });
});

describe('directories', () => {
  const root = join(dir, 'tree');
  beforeAll(() => {
    file('tree/a.yaml', pod('a'));
    file('elsewhere/linked/b.yaml', pod('b'));
    fs.symlinkSync(join(dir, 'elsewhere', 'linked'), join(root, 'linked'));
    fs.symlinkSync('.', join(root, 'loop'));
    fs.symlinkSync(root, join(dir, 'elsewhere', 'linked', 'back'));
    fs.symlinkSync(join(root, 'nowhere.yaml'), join(root, 'dangling.yaml'));
    file('tree/locked/c.yaml', pod('c'));
    file('tree/z.yml', pod('z'));
  });

  test('symbolic links are followed, each directory read once; unreadable entries are named and the rest read', async () => {
    unreadable = join(root, 'locked');
    const result = await runCli(['audit', '--format', 'json', root]);
    expect(result.json.objects.map((o: any) => [o.name, o.file])).toEqual([
      ['a', join(root, 'a.yaml')],
      ['b', join(root, 'linked', 'b.yaml')],
      ['z', join(root, 'z.yml')],
    ]);
    expect(result.json.errors).toEqual([
      { file: join(root, 'dangling.yaml'), message: 'cannot read: no such file or directory' },
      { file: join(root, 'locked'), message: 'cannot read directory: permission denied' },
    ]);
  });
});

test('helm template on standard input: each object is named by its # Source: comment, lines stay those of the stream', async () => {
  const helm = `---
# Source: agent/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata: { name: agent }
---
# Source: agent/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent }
spec:
  selector: {}
  template:
    spec: { hostPID: true, containers: [{ name: c, image: i }] }
---
# Source: agent/templates/broken.yaml
apiVersion: v1
kind: Pod
metadata: { name: [ }
`;
  const result = await runCli(['audit', '--format', 'json', '-'], helm);
  expect(result.json.objects.map((o: any) => [o.file, o.name, o.level])).toEqual([['agent/templates/daemonset.yaml', 'agent', 'privileged']]);
  expect(result.json.errors).toEqual([{ file: 'agent/templates/broken.yaml', line: 19, message: expect.stringMatching(/^invalid YAML: /) }]);
  expect(result.json.skipped).toBe(1);
  // A file keeps its own name: only helm's stream on stdin is renamed.
  const saved = file('rendered.yaml', helm.replace(/^# Source: agent\/templates\/broken.yaml[^]*$/m, ''));
  expect((await runCli(['audit', '--format', 'json', saved])).json.objects.map((o: any) => o.file)).toEqual([saved]);
});

describe('output cannot be spoofed or flooded by the input', () => {
  const reason = 'reads logs\nDaemonSet kube-system/fake  restricted\n\u001b[2Jcleared \u202eevil';
  const spoof = () => file('spoof\nfake.yaml', pod('spoof', `  annotations:\n    node-agents.cdk8s.io/grants: '${JSON.stringify([{ privilege: 'hostNetwork', reason }])}'\n`) + '  hostNetwork: true\n');

  test('control characters are escaped in the table and in Markdown', async () => {
    const path = spoof();
    const table = (await runCli(['audit', path], undefined, 300)).stdout;
    expect(table).toContain(`${dir}/spoof\\nfake.yaml\n`);
    expect(table).toContain('reads logs\\nDaemonSet kube-system/fake  restricted\\n\\u001bcleared'.replace('\\u001bcleared', '\\u001b[2Jcleared \\u202eevil'));
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(table.split('\n').filter(l => l.startsWith('DaemonSet'))).toEqual([]);
    const markdown = (await runCli(['audit', '--format', 'markdown', path])).stdout;
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(markdown).toContain('reads logs\\\\nDaemonSet kube-system/fake  restricted');
    // The JSON keeps the text as it is.
    expect((await runCli(['audit', '--format', 'json', path])).json.objects[0].grants[0].reason).toBe(reason);
  });

  test('a large scalar document is not echoed whole into the error', async () => {
    const long = file('long.yaml', `"${'x'.repeat(1_000_000)}"\n`);
    const result = await runCli(['audit', '--format', 'json', long]);
    expect(result.json.errors).toEqual([{ file: long, line: 1, message: `the document is a scalar ("${'x'.repeat(79)}... (999922 more characters)), not a Kubernetes object` }]);
    expect(result.stdout.length).toBeLessThan(2000);
  });
});
