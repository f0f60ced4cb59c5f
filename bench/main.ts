/**
 * `npm run bench`: what the library's safety costs, against raw cdk8s in the same run.
 * Each case runs in its own process (bench/case.ts), five times, the ways taking turns;
 * the median is reported.
 * Writes docs/PERFORMANCE.md and prints it. Not part of the test run.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { parse } from 'yaml';
import { WAYS } from './agents';
import { PodSecurityLevel } from '../lib/checks/pod-security/api';
import { evaluatePodSecurity } from '../lib/checks/pod-security/registry';

const SIZES = [100, 1000, 10000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = join(__dirname, '..');

interface Run { wallMs: number; synthMs: number; peakRssMiB: number }

function runCase(way: string, n: number): Run {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
  const start = performance.now();
  const args = ['-r', 'ts-node/register/transpile-only', join(__dirname, 'case.ts'), way, String(n), outdir];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf-8', env: { ...process.env, TS_NODE_PROJECT: join(__dirname, 'tsconfig.json') } });
  const wallMs = performance.now() - start;
  rmSync(outdir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`case ${way} ${n} failed: ${r.stderr}`);
  return { wallMs, ...JSON.parse(r.stdout) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number, d = 0) => x.toFixed(d);

function synthBenchmark(): { rows: string[]; results: Record<string, Record<number, Run>> } {
  const results: Record<string, Record<number, Run>> = {};
  for (const n of SIZES) {
    // The ways take turns within each round, so that a slower spell of the machine hits them all.
    const runs: Record<string, Run[]> = {};
    for (let round = 0; round < RUNS; round++) {
      for (const way of WAYS) (runs[way] ??= []).push(runCase(way, n));
    }
    for (const way of WAYS) {
      (results[way] ??= {})[n] = {
        wallMs: median(runs[way].map(r => r.wallMs)),
        synthMs: median(runs[way].map(r => r.synthMs)),
        peakRssMiB: median(runs[way].map(r => r.peakRssMiB)),
      };
      process.stderr.write(`${way} N=${n}: ${fmt(results[way][n].wallMs)} ms\n`);
    }
  }
  const rows = ['| N | way | wall (median) | synth in process | per agent | peak memory | wall / raw L1 | wall / cdk8s-plus | memory / cdk8s-plus |', '|---|---|---|---|---|---|---|---|---|'];
  for (const n of SIZES) {
    for (const way of WAYS) {
      const r = results[way][n];
      const raw = results['raw-l1'][n];
      const plus = results['cdk8s-plus'][n];
      rows.push(`| ${n.toLocaleString('en')} | ${way} | ${fmt(r.wallMs)} ms | ${fmt(r.synthMs)} ms | ${fmt(r.synthMs / n * 1000)} µs | ${fmt(r.peakRssMiB)} MiB | ${fmt(r.wallMs / raw.wallMs, 2)}× | ${fmt(r.wallMs / plus.wallMs, 2)}× | ${fmt(r.peakRssMiB / plus.peakRssMiB, 2)}× |`);
    }
  }
  rows.push('', '| way | growth 1,000 → 10,000 (wall) | growth (synth in process) |', '|---|---|---|');
  for (const way of WAYS) rows.push(`| ${way} | ${fmt(results[way][10000].wallMs / results[way][1000].wallMs, 1)}× | ${fmt(results[way][10000].synthMs / results[way][1000].synthMs, 1)}× |`);
  return { rows, results };
}

function evaluatorBenchmark(): string {
  const base = join(ROOT, '..', 'shared', 'conformance', 'pod-security-admission', 'testdata');
  const pods: Array<{ level: PodSecurityLevel; minor: number; pod: any }> = [];
  for (const level of [PodSecurityLevel.BASELINE, PodSecurityLevel.RESTRICTED]) {
    for (const dir of readdirSync(join(base, level))) {
      for (const outcome of ['pass', 'fail']) {
        const folder = join(base, level, dir, outcome);
        for (const f of readdirSync(folder)) pods.push({ level, minor: parseInt(dir.slice(3), 10), pod: parse(readFileSync(join(folder, f), 'utf-8')) });
      }
    }
  }
  const rounds = 20;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) for (const p of pods) evaluatePodSecurity(p.level, p.minor, p.pod.metadata, p.pod.spec);
  const seconds = (performance.now() - start) / 1000;
  return `${fmt(pods.length * rounds / seconds)} pod templates per second (${pods.length.toLocaleString('en')} official fixtures × ${rounds}, each at its level and version)`;
}

function auditBenchmark(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const file = join(dir, 'big.yaml');
  const doc = (i: number) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent-${i}, namespace: agents }
spec:
  selector: { matchLabels: { app: agent-${i} } }
  template:
    metadata: { labels: { app: agent-${i} } }
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: example/agent:1.0
        securityContext: { capabilities: { add: [NET_ADMIN] } }
        volumeMounts: [{ name: lock, mountPath: /run/xtables.lock }]
      volumes: [{ name: lock, hostPath: { path: /run/xtables.lock, type: FileOrCreate } }]
`;
  writeFileSync(file, Array.from({ length: 10000 }, (_, i) => doc(i)).join('---\n'));
  const runs = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'lib', 'cli', 'main.js'), 'audit', '--format', 'json', file], { encoding: 'utf-8', maxBuffer: 2 ** 30 });
    if (r.status !== 0) throw new Error(`audit failed: ${r.stderr}`);
    return performance.now() - start;
  });
  rmSync(dir, { recursive: true, force: true });
  return `${fmt(median(runs))} ms for 10,000 DaemonSets in one file (whole process, median of ${RUNS})`;
}

const { rows } = synthBenchmark();
const evaluator = evaluatorBenchmark();
const audit = auditBenchmark();
const report = `# Performance

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Rerun with \`npm run bench\` (it compiles first; \`BENCH_RUNS=N\` changes the number of runs).

## Synthesis: N agents, three ways

Each agent has two containers, four hostPath mounts, capabilities and a priority class; there is a
namespace (and a chart) per 100 agents. \`node-agents\` is \`NodeAgentDaemonSet\` with every check,
annotation and acknowledgement on; \`node-agents, kube-linter only\` and
\`node-agents, four scanners\` the same, acknowledging grants to one scanner or to all four,
or to none (\`ScannerAcknowledgements.only\`); \`cdk8s-plus\` is the equivalent hand-configured cdk8s-plus
\`DaemonSet\` (what a user writes instead: the priority class and update strategy through the
escape hatch cdk8s-plus-28 needs for them); \`raw-l1\` the equivalent \`KubeDaemonSet\`, the floor.
All ways write the same pods, namespaces (Pod Security labels) and critical-pods quotas; only the
library adds its grants annotation and the acknowledgements.
Each case runs in its own process, ${RUNS} times, the ways taking turns; medians. "wall" is the whole process (start, build,
validate, write YAML); "synth in process" excludes Node start-up and module loading.

${rows.join('\n')}

## Pod Security evaluator

${evaluator}.

## \`cdk8s-node-agents audit\`

${audit}.
`;
writeFileSync(join(ROOT, 'docs', 'PERFORMANCE.md'), report + readAnalysis());
process.stdout.write(report);

/** The hand-written analysis kept below the generated figures. */
function readAnalysis(): string {
  try {
    const text = readFileSync(join(ROOT, 'docs', 'PERFORMANCE.md'), 'utf-8');
    const at = text.indexOf('\n## What the profile shows');
    return at >= 0 ? text.slice(at) : '';
  } catch {
    return '';
  }
}
