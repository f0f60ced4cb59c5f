/**
 * One benchmark case in its own process: `case.ts WAY N OUTDIR`. Prints one JSON line with the
 * synthesis time (construct, validate, write YAML) and the process's peak memory.
 */
import { performance } from 'perf_hooks';
import { buildApp, Way } from './agents';

const [way, n, outdir] = process.argv.slice(2);
const start = performance.now();
buildApp(way as Way, Number(n), outdir).synth();
const synthMs = performance.now() - start;
process.stdout.write(JSON.stringify({ synthMs, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
