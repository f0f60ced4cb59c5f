/**
 * `npm run bench`: what the library's safety costs over cdk8s-plus in the same app, and the sizes
 * users have. Runs as compiled JavaScript (`.tmp/bench/`, compiled by the task): every case in its
 * own process, the ways taking turns within each round so that a slow spell of the machine hits
 * them all; medians with the spread (min–max over the rounds).
 *
 * Writes docs/PERFORMANCE.md (the figures, and the analysis kept below them) and
 * .tmp/bench/results.json. `--quick` runs fewer rounds and leaves the 100,000-object audit at one.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { Layout, LAYOUTS, Way, WAYS } from './agents';
import type { CaseSpec } from './case';
import { mixedYaml, oneAgentYaml } from './manifests';
import { summarizeProfile } from './profile';
// Compiled with the bench so that the audit cases run the command from the same build.
import type {} from '../src/cli/main';

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    // Only to try the bench itself out: sizes far below the report's, figures meaningless.
    smoke: { type: 'boolean', default: false },
    // Seconds a synthesis case may take before it is reported as not finished.
    limit: { type: 'string', default: '180' },
  },
});
const QUICK = options.quick!;
const COMPILED = join(__dirname, '..');
const ROOT = join(COMPILED, '..', '..');
const CLI = join(COMPILED, 'src', 'cli', 'main.js');
const started = performance.now();
// Every case writes under one scratch directory, removed when the run ends, however it ends: a
// case stopped at the limit cannot clean up after itself.
const SCRATCH = mkdtempSync(join(tmpdir(), 'bench-run-'));
process.on('exit', () => rmSync(SCRATCH, { recursive: true, force: true }));

const SMOKE = options.smoke!;
const CASE_LIMIT_MS = Number(options.limit) * 1000;
const SIZES = SMOKE ? [20, 100, 200] : [20, 1000, 10000];
/** The mixed manifests audit reads: the target's size, and the throughput and memory one. */
const MIXED = SMOKE ? { mixed: 1000, large: 5000 } : { mixed: 10_000, large: 100_000 };
const [mid, top] = SIZES.slice(-2);
/** Rounds per size and layout: small cases are noisy and cheap, large ones take seconds a process. */
function roundsOf(n: number, layout: Layout): number {
  if (SMOKE) return 2;
  if (n <= 100) return QUICK ? 5 : 11;
  if (layout === 'chart-per-agent') return QUICK ? 1 : 2;
  return n <= 1000 ? (QUICK ? 3 : 5) : (QUICK ? 1 : 3);
}
/** cdk8s prepares the whole app again for every chart it writes: one chart per agent is quadratic; see the report. */
const CHART_PER_AGENT_MAX = 1000;

interface Stat { median: number; min: number; max: number; runs: number[] }
const stat = (runs: number[]): Stat => {
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], min: sorted[0], max: sorted[sorted.length - 1], runs };
};
// A case stopped at the limit counts as infinitely slow, and reads so.
const f0 = (x: number) => Number.isFinite(x) ? Math.round(x).toLocaleString('en') : `> ${CASE_LIMIT_MS.toLocaleString('en')}`;
const f2 = (x: number) => Number.isFinite(x) ? x.toFixed(2) : '∞';
const range = (s: Stat, f = f0) => s.runs.length > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median);
const log = (line: string) => process.stderr.write(`[${f0((performance.now() - started) / 1000)} s] ${line}\n`);

/** Runs a process; its wall time, stdout, and the peak memory the preload reports. */
function timed(args: string[], okCodes = [0], timeout?: number): { wallMs: number; stdout: string; peakRssMiB?: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf-8', maxBuffer: 2 ** 31 - 1, timeout, env: { ...process.env, TMPDIR: SCRATCH } });
  const wallMs = performance.now() - start;
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') return { wallMs: Infinity, stdout: '', peakRssMiB: Infinity };
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const peak = /peak-rss-mib ([\d.]+)\s*$/.exec(r.stderr);
  return { wallMs, stdout: r.stdout, peakRssMiB: peak ? Number(peak[1]) : undefined };
}

/** Runs a case; past the limit (synthesis cases, unless profiled), every figure is Infinity. */
function runCase(spec: CaseSpec, nodeArgs: string[] = []): Record<string, number> & { wallMs: number } {
  const args = [...nodeArgs, join(__dirname, 'case.js'), JSON.stringify(spec)];
  const timeout = spec.kind === 'synth' && nodeArgs.length === 0 ? CASE_LIMIT_MS : undefined;
  let r: ReturnType<typeof timed>;
  try {
    r = timed(args, [0], timeout);
  } catch (e) {
    // A long run on a shared machine can meet a passing fault (a dependency being reinstalled):
    // one more try, said out loud, before the run is lost.
    log(`retrying once: ${(e as Error).message.split('\n')[0]}`);
    r = timed(args, [0], timeout);
  }
  if (!Number.isFinite(r.wallMs)) {
    log(`not finished in ${CASE_LIMIT_MS / 1000} s: ${JSON.stringify(spec)}`);
    return { wallMs: Infinity, synthMs: Infinity, buildMs: Infinity, peakRssMiB: Infinity };
  }
  return { ...JSON.parse(r.stdout), wallMs: r.wallMs };
}

// ---------------------------------------------------------------------------------------------
// Synthesis: every way, both layouts, N = 20, 1,000, 10,000.

type SynthRun = { wallMs: number; synthMs: number; buildMs: number; peakRssMiB: number };
const synth: Record<string, SynthRun[]> = {};
const key = (way: Way, n: number, layout: Layout) => `${way}|${n}|${layout}`;
for (const n of SIZES) {
  for (const layout of LAYOUTS) {
    if (layout === 'chart-per-agent' && n > CHART_PER_AGENT_MAX) continue;
    for (let round = 0; round < roundsOf(n, layout); round++) {
      for (const way of WAYS) {
        // A way that did not finish once is not run again at this size.
        const earlier = synth[key(way, n, layout)] ?? [];
        if (earlier.some(r => !Number.isFinite(r.synthMs))) continue;
        const r = runCase({ kind: 'synth', way, agents: n, layout });
        (synth[key(way, n, layout)] ??= []).push({ wallMs: r.wallMs, synthMs: r.synthMs, buildMs: r.buildMs, peakRssMiB: r.peakRssMiB });
      }
    }
    log(`synth N=${n} ${layout}: ${WAYS.map(w => `${w} ${f0(stat(synth[key(w, n, layout)].map(r => r.synthMs)).median)} ms`).join(', ')}`);
  }
}
// How one chart per agent grows: raw-l1 at half the largest size run, next to the largest (cdk8s' passes grow with charts × objects).
const cpaSizes = SIZES.filter(n => n <= CHART_PER_AGENT_MAX);
const cpaMax = Math.max(...cpaSizes);
const half = runCase({ kind: 'synth', way: 'raw-l1', agents: cpaMax / 2, layout: 'chart-per-agent' });
log(`raw-l1 N=${cpaMax / 2} chart-per-agent: ${f0(half.synthMs)} ms`);

// ---------------------------------------------------------------------------------------------
// Users' sizes: 50 apps of 20 agents in one process.

const APPS = 50;
const apps: Record<string, Array<{ perAppMs: number; wallMs: number }>> = {};
for (let round = 0; round < (QUICK ? 3 : 5); round++) {
  for (const way of WAYS) {
    const r = runCase({ kind: 'apps', way, apps: APPS, agents: 20, layout: 'chart-per-agent' });
    (apps[way] ??= []).push({ perAppMs: r.perAppMs, wallMs: r.wallMs });
  }
}
log(`apps: ${WAYS.map(w => `${w} ${f2(stat(apps[w].map(r => r.perAppMs)).median)} ms/app`).join(', ')}`);

// ---------------------------------------------------------------------------------------------
// audit: one agent, 10,000 and 100,000 mixed objects, each against the floor.

const work = mkdtempSync(join(SCRATCH, 'audit-'));
const files = {
  one: join(work, 'one-agent.yaml'),
  mixed: join(work, `mixed-${MIXED.mixed}.yaml`),
  large: join(work, `mixed-${MIXED.large}.yaml`),
};
writeFileSync(files.one, oneAgentYaml());
writeFileSync(files.mixed, mixedYaml(MIXED.mixed));
writeFileSync(files.large, mixedYaml(MIXED.large));
const PEAK = ['-r', join(__dirname, 'peak-memory.js')];
// Exit code 1 is audit's answer for objects that reach --fail-on; the default has no threshold.
const audit = (file: string) => timed([...PEAK, CLI, 'audit', '--format', 'json', file], [0, 1]);
const floor = (file: string) => timed([...PEAK, join(__dirname, 'floor.js'), file]);

type Pair = { audit: Array<{ wallMs: number; peakRssMiB: number }>; floor: Array<{ wallMs: number; peakRssMiB: number }> };
const auditRuns: Record<string, Pair> = {};
const auditRounds: Record<keyof typeof files, number> = QUICK ? { one: 5, mixed: 3, large: 1 } : { one: 11, mixed: 5, large: 2 };
for (const name of Object.keys(files) as Array<keyof typeof files>) {
  const pair: Pair = auditRuns[name] = { audit: [], floor: [] };
  for (let round = 0; round < auditRounds[name]; round++) {
    const a = audit(files[name]);
    const fl = floor(files[name]);
    pair.audit.push({ wallMs: a.wallMs, peakRssMiB: a.peakRssMiB! });
    pair.floor.push({ wallMs: fl.wallMs, peakRssMiB: fl.peakRssMiB! });
  }
  log(`audit ${name}: ${f0(stat(pair.audit.map(r => r.wallMs)).median)} ms, floor ${f0(stat(pair.floor.map(r => r.wallMs)).median)} ms`);
}
const sizes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, statSync(v).size]));

// The evaluator as audit calls it, cold (the first pass in a fresh process) and warm.
const evaluator = Array.from({ length: QUICK ? 2 : 5 }, () => runCase({ kind: 'evaluator', file: files.mixed, warmPasses: 5 }));
log(`evaluator: cold ${f0(stat(evaluator.map(r => r.coldPerSecond)).median)}/s`);
rmSync(work, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// The profile at N = 1,000 (ten charts): where the library's time goes, next to cdk8s-plus.

const profileDir = join(COMPILED, 'profiles');
rmSync(profileDir, { recursive: true, force: true });
const profiles: Record<string, string> = {};
for (const way of ['node-agents', 'cdk8s-plus'] as Way[]) {
  const dir = join(profileDir, way.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  runCase({ kind: 'synth', way, agents: mid, layout: 'ten-charts' }, ['--cpu-prof', '--cpu-prof-dir', dir]);
  profiles[way] = join(dir, readdirSync(dir)[0]);
}
const profile = summarizeProfile(profiles['node-agents'], profiles['cdk8s-plus']);
log('profile done');

// ---------------------------------------------------------------------------------------------
// The report.

const results = { date: new Date().toISOString(), quick: QUICK, synth, apps, auditRuns, sizes, evaluator, half, profiles };
writeFileSync(join(COMPILED, 'results.json'), JSON.stringify(results, null, 1));

const S = (way: Way, n: number, layout: Layout, field: keyof SynthRun) => stat(synth[key(way, n, layout)].map(r => r[field]));
/** The ratio of two ways' medians, and the spread of the ratios round by round (the ways ran in turn). */
function ratio(a: number[], b: number[]): string {
  const [ma, mb] = [stat(a).median, stat(b).median];
  // A way stopped at the limit has no ratio to give; one that finished against one that did not, none either.
  if (!Number.isFinite(ma) || !Number.isFinite(mb)) return Number.isFinite(mb) ? 'not finished' : '–';
  // Rounds of a way stopped at the limit are missing: pair the rounds both ways finished.
  const pairs = a.slice(0, b.length).map((x, i) => Number.isFinite(x) && Number.isFinite(b[i]) ? x / b[i] : NaN).filter(Number.isFinite);
  const s = stat(pairs);
  return pairs.length > 1 ? `${f2(ma / mb)}× (${f2(s.min)}–${f2(s.max)})` : `${f2(ma / mb)}×`;
}

function difference(a: number[], b: number[]): string {
  const pairs = stat(a.slice(0, b.length).map((x, i) => x - b[i]));
  return `${f0(stat(a).median - stat(b).median)} ms (${f0(pairs.min)} to ${f0(pairs.max)})`;
}
const runsOf = (way: Way, n: number, layout: Layout, field: keyof SynthRun) => synth[key(way, n, layout)].map(r => r[field]);

const synthRows = ['| N | layout | way | synth in process | build | whole process | peak memory | synth / cdk8s-plus | memory / cdk8s-plus |', '|---|---|---|---|---|---|---|---|---|'];
for (const n of SIZES) {
  for (const layout of LAYOUTS) {
    if (!synth[key('node-agents', n, layout)]) continue;
    for (const way of WAYS) {
      synthRows.push(`| ${f0(n)} | ${layout} | ${way} | ${range(S(way, n, layout, 'synthMs'))} ms | ${f0(S(way, n, layout, 'buildMs').median)} ms | ${range(S(way, n, layout, 'wallMs'))} ms | ${f0(S(way, n, layout, 'peakRssMiB').median)} MiB | `
        + `${ratio(runsOf(way, n, layout, 'synthMs'), runsOf('cdk8s-plus', n, layout, 'synthMs'))} | ${ratio(runsOf(way, n, layout, 'peakRssMiB'), runsOf('cdk8s-plus', n, layout, 'peakRssMiB'))} |`);
    }
  }
}

const lib = 'node-agents' as Way;
const plus = 'cdk8s-plus' as Way;
const verdict = (ok: boolean) => ok ? 'met' : '**missed**';
const synthRatio = (n: number) => stat(runsOf(lib, n, 'ten-charts', 'synthMs')).median / stat(runsOf(plus, n, 'ten-charts', 'synthMs')).median;
const memRatio = (n: number) => stat(runsOf(lib, n, 'ten-charts', 'peakRssMiB')).median / stat(runsOf(plus, n, 'ten-charts', 'peakRssMiB')).median;
const wall20 = (layout: Layout) => stat(runsOf(lib, SIZES[0], layout, 'wallMs')).median - stat(runsOf(plus, SIZES[0], layout, 'wallMs')).median;
const perApp = stat(apps[lib].map(r => r.perAppMs)).median - stat(apps[plus].map(r => r.perAppMs)).median;
const auditRatio = (name: string) => stat(auditRuns[name].audit.map(r => r.wallMs)).median / stat(auditRuns[name].floor.map(r => r.wallMs)).median;
const cold = stat(evaluator.map(r => r.coldPerSecond));
const warm = stat(evaluator.map(r => r.warmPerSecond));
const ratioRuns = (name: string) => ratio(auditRuns[name].audit.map(r => r.wallMs), auditRuns[name].floor.map(r => r.wallMs));

const targets = [
  '| target | measured: median (spread) | |',
  '|---|---|---|',
  `| synth in process ≤ 1.15× cdk8s-plus, N = ${f0(mid)}, ten charts | ${ratio(runsOf(lib, mid, 'ten-charts', 'synthMs'), runsOf(plus, mid, 'ten-charts', 'synthMs'))} | ${verdict(synthRatio(mid) <= 1.15)} |`,
  `| synth in process ≤ 1.15× cdk8s-plus, N = ${f0(top)}, ten charts | ${ratio(runsOf(lib, top, 'ten-charts', 'synthMs'), runsOf(plus, top, 'ten-charts', 'synthMs'))} | ${verdict(synthRatio(top) <= 1.15)} |`,
  `| peak memory ≤ 1.10× cdk8s-plus, N = ${f0(mid)} | ${ratio(runsOf(lib, mid, 'ten-charts', 'peakRssMiB'), runsOf(plus, mid, 'ten-charts', 'peakRssMiB'))} | ${verdict(memRatio(mid) <= 1.10)} |`,
  `| peak memory ≤ 1.10× cdk8s-plus, N = ${f0(top)} | ${ratio(runsOf(lib, top, 'ten-charts', 'peakRssMiB'), runsOf(plus, top, 'ten-charts', 'peakRssMiB'))} | ${verdict(memRatio(top) <= 1.10)} |`,
  ...LAYOUTS.map(layout => `| a 20-agent app (${layout}), whole process: ≤ 40 ms over cdk8s-plus | ${difference(runsOf(lib, SIZES[0], layout, 'wallMs'), runsOf(plus, SIZES[0], layout, 'wallMs'))} | ${verdict(wall20(layout) <= 40)} |`),
  `| ${APPS} apps of 20 agents in one process: ≤ 5 ms per app over cdk8s-plus | ${f2(perApp)} ms per app (library ${range(stat(apps[lib].map(r => r.perAppMs)), f2)} ms, cdk8s-plus ${range(stat(apps[plus].map(r => r.perAppMs)), f2)} ms) | ${verdict(perApp <= 5)} |`,
  `| \`audit\`, one-agent file, whole process: ≤ 1.5× the floor | ${ratioRuns('one')} | ${verdict(auditRatio('one') <= 1.5)} |`,
  `| \`audit\`, ${f0(MIXED.mixed)}-object mixed manifest: ≤ 1.5× the floor | ${ratioRuns('mixed')} | ${verdict(auditRatio('mixed') <= 1.5)} |`,
  `| Pod Security evaluator as \`audit\` calls it, cold: ≥ 100,000 pod templates/s | ${range(cold)} /s (warm: ${range(warm)} /s) | ${verdict(cold.median >= 100_000)} |`,
];

const auditRows = ['| input | size | objects | `audit` (whole process) | the floor | audit / floor | audit peak memory | peak memory / input size |', '|---|---|---|---|---|---|---|---|'];
const objectsIn: Record<string, number> = { one: 3, ...MIXED };
for (const name of Object.keys(files)) {
  const a = auditRuns[name];
  const peak = stat(a.audit.map(r => r.peakRssMiB)).median;
  auditRows.push(`| ${name === 'one' ? 'one agent (the library\'s YAML)' : `mixed, ${f0(objectsIn[name])} objects`} | ${f2(sizes[name] / 2 ** 20)} MiB | ${f0(objectsIn[name])} | ${range(stat(a.audit.map(r => r.wallMs)))} ms | ${range(stat(a.floor.map(r => r.wallMs)))} ms | ${ratioRuns(name)} | ${f0(peak)} MiB (floor ${f0(stat(a.floor.map(r => r.peakRssMiB)).median)} MiB) | ${name === 'one' ? '–' : `${f2(peak / (sizes[name] / 2 ** 20))}×`} |`);
}
const throughput = MIXED.large / (stat(auditRuns.large.audit.map(r => r.wallMs)).median / 1000);

const growth = (way: Way) => f2(S(way, top, 'ten-charts', 'synthMs').median / S(way, mid, 'ten-charts', 'synthMs').median);
// The growth exponent between the two raw-l1 points, to say what N = 10,000 would take if it held.
const atMax = stat(runsOf('raw-l1', cpaMax, 'chart-per-agent', 'synthMs')).median;
const exponent = Math.log(atMax / half.synthMs) / Math.log(2);
const at10k = atMax * (10_000 / cpaMax) ** exponent;

const report = `# Performance

<!-- Generated by \`npm run bench\` down to "What the profile shows"; the analysis below it is kept. -->

Measured by \`npm run bench\`${QUICK ? ' -- --quick' : ''}${SMOKE ? ' -- --smoke (sizes far below the targets\': figures meaningless)' : ''} on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${f0(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${f0((performance.now() - started) / 1000)} s in all.
Every case runs in its own process from plain JavaScript compiled by the task (\`.tmp/bench/\`), the
ways taking turns within each round; figures are medians with the spread over the rounds (min–max),
ratios are taken round by round (the ways of a round ran one after the other).

## Targets

${targets.join('\n')}

## Synthesis

Each agent has two containers, four hostPath mounts, capabilities and a priority class; each
chart holds a namespace with its Pod Security labels and critical-pods quota. \`ten-charts\` spreads
the agents over ten charts; \`chart-per-agent\` gives each agent its chart and namespace.
\`node-agents\` is \`NodeAgentDaemonSet\` as it comes (every default and check, the grants
annotation); \`node-agents, four scanners\` the same with every scanner's acknowledgements
(\`ScannerAcknowledgements.only(app, Scanner.all())\`); \`cdk8s-plus\` the hand-configured
cdk8s-plus \`DaemonSet\` writing the same pod (nodeSelector, priority class and update strategy
through the escape hatch); \`raw-l1\` the same \`KubeDaemonSet\` by hand. test/bench-ways.test.ts
checks that every way writes the same objects field by field, apart from the grants annotation.
"synth in process" is \`app.synth()\` alone, measured inside the process; "build" constructs the
app; "whole process" is what a user waits for (Node start-up, loading modules, build, synth, write).
Rounds: ${SIZES.map(n => `${roundsOf(n, 'ten-charts')} at N = ${f0(n)}`).join(', ')} (ten charts); ${cpaSizes.map(n => `${roundsOf(n, 'chart-per-agent')} at N = ${f0(n)}`).join(', ')} (one chart per agent).

${synthRows.join('\n')}

Growth of synth from N = ${f0(mid)} to ${f0(top)} (ten charts): ${WAYS.map(w => `${w} ${growth(w)}×`).join(', ')}.

One chart per agent stops at N = ${f0(cpaMax)}: cdk8s prepares (resolves dependencies and validates)
the whole app again for every chart it writes, so synthesis grows with charts × objects whichever
way writes the agents. raw-l1 takes ${f0(half.synthMs)} ms at N = ${f0(cpaMax / 2)} (one run) and ${f0(atMax)} ms at N = ${f0(cpaMax)};
${Number.isFinite(at10k) ? `synthesis grows as N^${exponent.toFixed(1)} there, so N = 10,000 would take about ${f0(at10k / 60_000)} minutes a process, for raw-l1 alone.` : 'raw-l1 did not finish within the limit.'}

## Users' sizes: ${APPS} apps of 20 agents in one process

One process builds and synthesizes ${APPS} apps of 20 agents (a chart per agent), one after the
other, as a platform team does for ${APPS} clusters. Per app, median (spread over ${apps[lib].length} processes):
${WAYS.map(w => `${w} ${range(stat(apps[w].map(r => r.perAppMs)), f2)} ms`).join('; ')}.

## \`cdk8s-node-agents audit\`

\`audit --format json FILE\`, whole process, against the floor: a script that reads the same file,
parses it with the same parser (js-yaml, core schema) and walks every value. The mixed manifests
hold every kind with a pod template (restricted, baseline and privileged pods, some with the
library's grants annotation) among Services, ConfigMaps and ServiceAccounts (3 in 10).

${auditRows.join('\n')}

Throughput on ${f0(MIXED.large)} objects: ${f0(throughput)} objects/s, whole process.

## Pod Security evaluator

\`requiredPodSecurityLevel\` at the newest policy version, as \`audit\` calls it, over the
${f0(evaluator[0].templates)} pod templates of the ${f0(MIXED.mixed)}-object manifest: cold is the first pass in a fresh
process (what one \`audit\` run gets), warm the best of five passes after it.
Cold ${range(cold)} templates/s; warm ${range(warm)} templates/s (${evaluator.length} processes).

## Profile: N = ${f0(mid)}, ten charts

\`node --cpu-prof\` on one process of each (profiles in \`.tmp/bench/profiles/\`): self time by
where the code lives, and the library's heaviest functions.

${profile}
`;

// A smoke run's figures mean nothing: they go next to the results, not into the docs.
writeFileSync(SMOKE ? join(COMPILED, 'PERFORMANCE.md') : join(ROOT, 'docs', 'PERFORMANCE.md'), report + readAnalysis());
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
