import { execFileSync, spawnSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CLI } from './support';

/**
 * The built command on hostile input, each run in a child process with a heap cap and a
 * timeout, its peak memory and CPU time measured by the child itself. The bounds sit about an
 * order of magnitude above what a run takes, so they fail only on a real blow-up (quadratic
 * time, memory a large multiple of the input, a hang), not on a slow machine.
 */
const dir = mkdtempSync(join(tmpdir(), 'audit-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MEASURE = join(dir, 'measure.js');
writeFileSync(MEASURE, `process.on('exit', () => {
  const u = process.resourceUsage();
  require('fs').writeSync(2, '\\nmeasured ' + JSON.stringify({ maxRssMiB: u.maxRSS / 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\\n');
});
`);

interface Measured { status: number | null; signal: string | null; stdout: string; maxRssMiB: number; cpuSeconds: number; wallSeconds: number }

interface ChildOptions { heapMiB?: number; timeoutSeconds?: number; stdin?: number; stdout?: number }

function audit(args: string[], { heapMiB = 512, timeoutSeconds = 120, stdin, stdout }: ChildOptions = {}): Measured {
  const started = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMiB}`, '--require', MEASURE, CLI, 'audit', ...args], {
    encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutSeconds * 1000, stdio: [stdin ?? 'ignore', stdout ?? 'pipe', 'pipe'],
  });
  const measured = /\nmeasured (.*)\n$/.exec(r.stderr ?? '');
  expect(r.stderr.replace(/\nmeasured .*\n$/, '')).toBe('');
  const usage = measured ? JSON.parse(measured[1]) : { maxRssMiB: NaN, cpuSeconds: NaN };
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', wallSeconds: (Date.now() - started) / 1000, ...usage };
}

function withinBounds(run: Measured, { maxRssMiB, cpuSeconds }: { maxRssMiB: number; cpuSeconds: number }): void {
  expect(run.signal).toBeNull();
  expect(run.maxRssMiB).toBeLessThan(maxRssMiB);
  expect(run.cpuSeconds).toBeLessThan(cpuSeconds);
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: good }\nspec: { containers: [{ name: c, image: i }] }\n';

test('a 700-byte alias bomb: refused in well under a second of work, the good file reported', () => {
  const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (const name of 'bcdefghi') levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(',')}]`);
  const bomb = join(dir, 'bomb.yaml');
  writeFileSync(bomb, `apiVersion: v1\nkind: Pod\n${levels.join('\n')}\nmetadata: { name: *i }\n`);
  const good = join(dir, 'good.yaml');
  writeFileSync(good, POD);
  const run = audit(['--format', 'json', bomb, good]);
  withinBounds(run, { maxRssMiB: 400, cpuSeconds: 20 });
  expect(run.status).toBe(2);
  const json = JSON.parse(run.stdout);
  expect(json.errors).toEqual([{ file: bomb, line: 1, message: expect.stringMatching(/^aliases and merge keys expand to more than 100000 nodes/) }]);
  expect(json.objects.map((o: any) => o.name)).toEqual(['good']);
});

test('a huge file: refused by its size without being read; within the limit, memory a small multiple of it', () => {
  const sparse = join(dir, 'huge.yaml');
  writeFileSync(sparse, '');
  truncateSync(sparse, 200 * 1024 * 1024);
  const refused = audit(['--format', 'json', sparse]);
  withinBounds(refused, { maxRssMiB: 400, cpuSeconds: 20 });
  expect(JSON.parse(refused.stdout).errors).toEqual([{ file: sparse, message: 'the file is larger than 64 MiB (raise the limit with --max-input-size)' }]);

  // 48 MiB holding one document that is not an object (a string): read, decoded, reported.
  const scalar = join(dir, 'scalar.yaml');
  const fd = openSync(scalar, 'w');
  const line = 'x'.repeat(1024 * 1024);
  writeSync(fd, '"');
  for (let i = 0; i < 48; i++) writeSync(fd, line);
  writeSync(fd, '"\n');
  closeSync(fd);
  const read = audit(['--format', 'json', scalar], { heapMiB: 1024 });
  // About 320 MiB and 1.6 s of CPU here (the file parsed again for a line number took 37 times the file).
  withinBounds(read, { maxRssMiB: 48 * 16, cpuSeconds: 60 });
  expect(read.status).toBe(2);
  expect(JSON.parse(read.stdout).errors).toEqual([{ file: scalar, line: 1, message: expect.stringMatching(/^the document is a scalar \("x{79}\.\.\. \(50331570 more characters\)\), not a Kubernetes object$/) }]);
});

test('/dev/zero as a path is refused at once; endless zeros on standard input stop at the limit', () => {
  const path = audit(['--format', 'json', '/dev/zero']);
  withinBounds(path, { maxRssMiB: 400, cpuSeconds: 20 });
  expect(JSON.parse(path.stdout).errors).toEqual([{ file: '/dev/zero', message: 'not a regular file (a character device): only files, directories and - (standard input) are read' }]);

  const zero = openSync('/dev/zero', 'r');
  try {
    const stdin = audit(['--format', 'json', '-'], { stdin: zero });
    withinBounds(stdin, { maxRssMiB: 64 * 8, cpuSeconds: 30 });
    expect(JSON.parse(stdin.stdout).errors).toEqual([{ file: '-', message: 'standard input is larger than 64 MiB (raise the limit with --max-input-size)' }]);
  } finally {
    closeSync(zero);
  }
});

test('a FIFO is refused without waiting for a writer', () => {
  const fifo = join(dir, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  const run = audit(['--format', 'json', fifo], { timeoutSeconds: 30 });
  withinBounds(run, { maxRssMiB: 400, cpuSeconds: 20 });
  expect(run.status).toBe(2);
  expect(JSON.parse(run.stdout).errors).toEqual([{ file: fifo, message: 'not a regular file (a FIFO): only files, directories and - (standard input) are read' }]);
});

describe('40,000 objects in one file (kubectl get pods -A -o yaml): every format in linear time', () => {
  const list = join(dir, 'pods.yaml');
  beforeAll(() => {
    const items = ['apiVersion: v1\nkind: List\nitems:\n'];
    // Each pod has eight rows in the report: at this size the table used to overflow the stack.
    for (let i = 0; i < 40_000; i++) {
      items.push(`- apiVersion: v1\n  kind: Pod\n  metadata: { name: pod-${i}, namespace: ns-${i % 50} }\n  spec:\n    hostNetwork: true\n`
        + '    volumes: [{ name: logs, hostPath: { path: /var/log } }]\n'
        + '    containers: [{ name: app, image: "registry.example.com/app:1", volumeMounts: [{ name: logs, mountPath: /logs }],\n'
        + `      securityContext: { privileged: ${i % 7 === 0}, capabilities: { add: [NET_ADMIN] } } }]\n`);
    }
    writeFileSync(list, items.join(''));
  });

  test.each(['table', 'markdown', 'json'])('%s', format => {
    // About 9 s of CPU and 320 MiB (table) to 550 MiB (json, each pod listing its ungranted access) here.
    const run = audit(['--format', format, list], { heapMiB: 2048, timeoutSeconds: 280 });
    withinBounds(run, { maxRssMiB: 2500, cpuSeconds: 60 });
    expect(run.status).toBe(0);
    if (format === 'json') expect(JSON.parse(run.stdout).objects).toHaveLength(40_000);
    else expect(run.stdout).toMatch(/\n40000 objects audited/);
    if (format === 'table') expect(run.stdout.split('\n').reduce((max, l) => Math.max(max, l.length), 0)).toBeLessThanOrEqual(80);
  });

  test('sarif: written a result at a time; the list (over 2 MiB) is not parsed again for lines', () => {
    // About 250 MB of SARIF: written to a file, not held in a pipe buffer.
    const out = join(dir, 'pods.sarif');
    const fd = openSync(out, 'w');
    let run: Measured;
    try {
      run = audit(['--format', 'sarif', list], { heapMiB: 2048, timeoutSeconds: 280, stdout: fd });
    } finally {
      closeSync(fd);
    }
    // About 13 s of CPU and 570 MiB here; parsing the list again with positions took 1.7 GiB and 42 s.
    withinBounds(run, { maxRssMiB: 2500, cpuSeconds: 90 });
    expect(run.status).toBe(0);
    const count = (pattern: string) => Number(execFileSync('grep', ['-c', pattern, out], { encoding: 'utf-8' }).trim());
    // Each pod has a result per violation and finding: more than 3 each.
    expect(count('"ruleId": ')).toBeGreaterThan(3 * 40_000);
    expect(count('"startLine": 1$')).toBe(count('"startLine": '));
    const tail = Buffer.alloc(64);
    const read = openSync(out, 'r');
    try {
      readSync(read, tail, 0, tail.length, statSync(out).size - tail.length);
    } finally {
      closeSync(read);
    }
    expect(tail.toString()).toMatch(/"skipped": 0\n {6}\}\n {4}\}\n {2}\]\n\}\n$/);
  });
});
