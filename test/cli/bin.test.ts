import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runBin } from './support';

/** The installed command itself: exit codes, streams, and never a stack trace. */
const dir = mkdtempSync(join(tmpdir(), 'audit-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const privileged = join(dir, 'privileged.yaml');
writeFileSync(privileged, 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { containers: [{ name: c, image: i, securityContext: { privileged: yes } }] }\n');

test('exit 0, and 1 when something reaches --fail-on', () => {
  const ok = runBin(['audit', privileged]);
  expect([ok.status, ok.stderr]).toEqual([0, '']);
  expect(ok.stdout).toMatch(/^Pod p {2}privileged$/m);
  expect(runBin(['audit', '--fail-on', 'privileged', privileged]).status).toBe(1);
});

test('standard input, --version and --help', () => {
  const stdin = runBin(['audit', '--format=json', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata: { name: s }\nspec: { containers: [{ name: c, image: i }] }\n' });
  expect(stdin.status).toBe(0);
  expect(JSON.parse(stdin.stdout).objects[0]).toMatchObject({ file: '-', name: 's', level: 'baseline' });
  expect(runBin(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  expect(runBin(['--help']).status).toBe(0);
});

test('exit 2 for bad input and bad command lines, with a message and no stack trace', () => {
  const bad = runBin(['audit', join(dir, 'missing.yaml'), '/dev/zero', privileged]);
  expect(bad.status).toBe(2);
  expect(bad.stdout).toContain('error: /dev/zero: not a regular file');
  expect(bad.stdout).toMatch(/^Pod p {2}privileged$/m);
  const usage = runBin(['audit', '--format']);
  expect(usage.status).toBe(2);
  expect(usage.stderr).toMatch(/^cdk8s-node-agents: Option '--format <value>' argument missing\n/);
  for (const run of [bad, usage]) expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
});
