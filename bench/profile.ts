/**
 * Reads two V8 CPU profiles (`node --cpu-prof`) of the same case, written by the library and by
 * cdk8s-plus, and tells where the time goes: self time by where the code lives, and the
 * library's functions by total time (their own and what they call, each sample counted once).
 */
import { readFileSync } from 'fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where a function's code lives, for the self-time table. */
function placeOf(url: string, name: string): string {
  if (!url) return name === '(garbage collector)' ? 'garbage collection' : name === '(program)' ? 'V8 (compiling, runtime)' : name === '(idle)' ? 'idle' : 'V8 (compiling, runtime)';
  if (url.startsWith('node:')) return 'Node (modules, fs)';
  if (url.includes('/node_modules/cdk8s/node_modules/yaml/')) return 'yaml (cdk8s\' YAML writer)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/src\/([^/]+)\//.exec(url);
  if (lib) return `library: src/${lib[1]}/`;
  if (url.includes('/bench/')) return 'the bench (building the app)';
  return 'other';
}

interface Summary { self: Map<string, number>; total: Map<string, number>; ms: number }

function summarize(file: string): Summary {
  const profile = JSON.parse(readFileSync(file, 'utf-8')) as CpuProfile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    ms += dt;
    const node = byId.get(id)!;
    const place = placeOf(node.callFrame.url, node.callFrame.functionName);
    self.set(place, (self.get(place) ?? 0) + dt);
    // Each library function on the stack, once per sample.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!/\/src\//.test(frame.url)) continue;
      const name = `${frame.functionName || '(anonymous)'} (${frame.url.replace(/^.*\/src\//, 'src/')}:${frame.lineNumber + 1})`;
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + dt);
    }
  });
  return { self, total, ms };
}

/** Markdown: the self-time table of both profiles side by side, then the library's heaviest functions. */
export function summarizeProfile(libraryProfile: string, plusProfile: string): string {
  const lib = summarize(libraryProfile);
  const plus = summarize(plusProfile);
  const places = [...new Set([...lib.self.keys(), ...plus.self.keys()])]
    .sort((a, b) => (lib.self.get(b) ?? 0) - (lib.self.get(a) ?? 0));
  const ms = (x: number | undefined) => `${Math.round(x ?? 0)} ms`;
  const rows = ['| where (self time) | node-agents | cdk8s-plus | difference |', '|---|---|---|---|'];
  for (const p of places) {
    const a = lib.self.get(p) ?? 0;
    const b = plus.self.get(p) ?? 0;
    if (a < 5 && b < 5) continue;
    rows.push(`| ${p} | ${ms(a)} | ${ms(b)} | ${a - b >= 0 ? '+' : ''}${Math.round(a - b)} ms |`);
  }
  rows.push(`| **whole process (sampled)** | ${ms(lib.ms)} | ${ms(plus.ms)} | ${lib.ms - plus.ms >= 0 ? '+' : ''}${Math.round(lib.ms - plus.ms)} ms |`);
  const heaviest = [...lib.total.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  const fns = ['| library function (total time: its own and what it calls) | node-agents |', '|---|---|', ...heaviest.map(([name, t]) => `| \`${name}\` | ${ms(t)} |`)];
  return `${rows.join('\n')}\n\n${fns.join('\n')}`;
}
