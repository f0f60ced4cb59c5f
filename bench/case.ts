/**
 * One benchmark case in its own process, run as compiled JavaScript: `node case.js '<json>'`.
 * Prints one JSON line: the times measured inside the process and its peak memory.
 *
 * - `synth`: one app of N agents; `buildMs` constructs it (modules already loaded), `synthMs`
 *   is `app.synth()` alone.
 * - `apps`: many apps of a few agents one after the other (a cluster per app), each built and
 *   synthesized; `perAppMs` is the total over the apps.
 * - `evaluator`: the Pod Security evaluator over every pod template of a manifest, called as
 *   `audit` calls it; the first pass in a fresh process (cold), then warm passes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import type { Layout, Way } from './agents';

// Each case loads only what it runs, so that a way's whole-process time is its own.
/* eslint-disable @typescript-eslint/no-require-imports */
const agents = () => require('./agents') as typeof import('./agents');
const evaluator = () => ({
  ...require('js-yaml') as typeof import('js-yaml'),
  ...require('../src/checks/pod-security/registry') as typeof import('../src/checks/pod-security/registry'),
  ...require('../src/model/pod-template') as typeof import('../src/model/pod-template'),
});
/* eslint-enable @typescript-eslint/no-require-imports */

export type CaseSpec =
  | { kind: 'synth'; way: Way; agents: number; layout: Layout }
  | { kind: 'apps'; way: Way; apps: number; agents: number; layout: Layout }
  | { kind: 'evaluator'; file: string; warmPasses: number };

function run(spec: CaseSpec): Record<string, number> {
  switch (spec.kind) {
    case 'synth': {
      const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
      try {
        const { buildApp, loadWay } = agents();
        loadWay(spec.way);
        const start = performance.now();
        const app = buildApp(spec.way, spec.agents, spec.layout, outdir);
        const built = performance.now();
        app.synth();
        return { startMs: start, buildMs: built - start, synthMs: performance.now() - built };
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    case 'apps': {
      const outdir = mkdtempSync(join(tmpdir(), 'bench-apps-'));
      try {
        const start = performance.now();
        const { buildApp } = agents();
        for (let a = 0; a < spec.apps; a++) buildApp(spec.way, spec.agents, spec.layout, join(outdir, `app-${a}`)).synth();
        const totalMs = performance.now() - start;
        return { startMs: start, totalMs, perAppMs: totalMs / spec.apps };
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    case 'evaluator': {
      const { CORE_SCHEMA, loadAll, LATEST_MINOR, podTemplateOf, requiredPodSecurityLevel } = evaluator();
      const templates = (loadAll(readFileSync(spec.file, 'utf-8'), undefined, { schema: CORE_SCHEMA }) as any[])
        .map(doc => podTemplateOf(doc)).filter(t => t !== undefined);
      const pass = () => {
        const start = performance.now();
        for (const t of templates) requiredPodSecurityLevel(LATEST_MINOR, t!.metadata, t!.spec);
        return templates.length / ((performance.now() - start) / 1000);
      };
      const coldPerSecond = pass();
      const warm: number[] = [];
      for (let i = 0; i < spec.warmPasses; i++) warm.push(pass());
      return { templates: templates.length, coldPerSecond, warmPerSecond: Math.max(...warm) };
    }
  }
}

const result = run(JSON.parse(process.argv[2]) as CaseSpec);
process.stdout.write(JSON.stringify({ ...result, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
