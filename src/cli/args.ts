import { parseArgs as parseCommandLine } from 'util';
import { DEFAULT_LIMITS, InputLimits, parseSize } from './limits';
import { parsePolicyVersion } from '../checks/pod-security/registry';

/** What the audit can fail on, from most to least severe. */
export const FAIL_ON = ['privileged', 'baseline', 'error', 'warning'] as const;
export type FailOn = typeof FAIL_ON[number];
/** Output formats; a new one is a value here and a case in `run.ts`. */
export const FORMATS = ['table', 'json', 'markdown'] as const;
export type Format = typeof FORMATS[number];

export const USAGE = `usage: cdk8s-node-agents audit [--format table|json|markdown] [--policy-version latest|v1.N]
                               [--fail-on privileged|baseline|error|warning]
                               [--max-input-size BYTES] [--max-alias-nodes N] [--] PATH... | -
       cdk8s-node-agents --version | --help

Reports what every workload in the manifests can do to its nodes: the Pod Security level it
needs and why, the privileges it was granted (with reasons, for manifests of this library),
and node-agent mistakes. YAML is read as kubectl reads it (see docs/YAML.md).

limits: --max-input-size  bytes read from one file or from standard input (default 64Mi;
                          also 512Ki, 1Gi...)
        --max-alias-nodes nodes aliases and merge keys may add to one document (default 100000)

exit codes: 0 all input read and nothing reached --fail-on; 1 something reached --fail-on;
            2 an input could not be read or parsed, or the command line is wrong`;

/** A parsed command line, or the reason it is wrong. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | AuditCommand
  | { readonly kind: 'error'; readonly message: string };

export interface AuditCommand {
  readonly kind: 'audit';
  readonly format: Format;
  readonly minor: number;
  readonly failOn?: FailOn;
  readonly paths: string[];
  readonly limits: InputLimits;
}

const OPTIONS = {
  'format': { type: 'string' },
  'policy-version': { type: 'string' },
  'fail-on': { type: 'string' },
  'max-input-size': { type: 'string' },
  'max-alias-nodes': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
  'version': { type: 'boolean' },
} as const;

/** Parses the arguments after the program name, with `node:util` `parseArgs` (`--x=v`, `--`). */
export function parseArgs(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseCommandLine({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (!positionals.length) return { kind: 'help' };
  const [command, ...paths] = positionals;
  if (command !== 'audit') return { kind: 'error', message: `unknown command "${command}"; the command is "audit"` };

  const format = values.format ?? 'table';
  if (!FORMATS.includes(format as Format)) return { kind: 'error', message: `--format "${format}" is not one of ${FORMATS.join(', ')}` };
  const version = values['policy-version'] ?? 'latest';
  const minor = parsePolicyVersion(version);
  if (minor === undefined) return { kind: 'error', message: `--policy-version "${version}" is not "latest" or "v1.N"` };
  const failOn = values['fail-on'];
  if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn)) return { kind: 'error', message: `--fail-on "${failOn}" is not one of ${FAIL_ON.join(', ')}` };

  let limits = DEFAULT_LIMITS;
  const size = values['max-input-size'];
  if (size !== undefined) {
    const bytes = parseSize(size);
    if (bytes === undefined || bytes === 0) return { kind: 'error', message: `--max-input-size "${size}" is not a size in bytes (a positive number, optionally with Ki, Mi or Gi)` };
    limits = { ...limits, maxInputBytes: bytes };
  }
  const aliasNodes = values['max-alias-nodes'];
  if (aliasNodes !== undefined) {
    if (!/^\d+$/.test(aliasNodes) || !Number.isSafeInteger(Number(aliasNodes))) return { kind: 'error', message: `--max-alias-nodes "${aliasNodes}" is not a whole number` };
    limits = { ...limits, maxAliasNodes: Number(aliasNodes) };
  }

  if (!paths.length) return { kind: 'error', message: 'no input: give files, directories, or - for standard input' };
  if (paths.filter(p => p === '-').length > 1) return { kind: 'error', message: '- (standard input) can be given only once' };
  return { kind: 'audit', format: format as Format, minor, failOn: failOn as FailOn | undefined, paths, limits };
}
