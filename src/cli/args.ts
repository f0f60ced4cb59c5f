import { parseArgs as parseCommandLine } from 'util';
import { DEFAULT_LIMITS, InputLimits, parseSize } from './limits';
import { parsePolicyVersion } from '../checks/pod-security/registry';

/** What the audit can fail on: the Pod Security levels, finding severities, and host access without a grant. */
export const FAIL_ON = ['privileged', 'baseline', 'error', 'warning', 'ungranted'] as const;
export type FailOn = typeof FAIL_ON[number];
/** What `--diff` can fail on. */
export const DIFF_FAIL_ON = ['added'] as const;
/** Output formats; a new one is a value here and a case in `run.ts`. */
export const FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;
export type Format = typeof FORMATS[number];
/** The formats of `--diff`. */
export const DIFF_FORMATS = ['table', 'json', 'markdown'] as const;
export type DiffFormat = typeof DIFF_FORMATS[number];

export const USAGE = `usage: cdk8s-node-agents audit [--format table|json|markdown|sarif] [--policy-version latest|v1.N]
                               [--fail-on privileged|baseline|error|warning|ungranted]
                               [--max-input-size BYTES] [--max-alias-nodes N] [--] PATH... | -
       cdk8s-node-agents audit --diff [--format table|json|markdown] [--fail-on added]
                               [--policy-version ...] [--max-input-size ...] [--max-alias-nodes ...] [--] OLD NEW
       cdk8s-node-agents --version | --help

Reports what every workload in the manifests can do to its nodes: the Pod Security level it
needs and why, the privileges it was granted (with reasons, for manifests of this library),
and node-agent mistakes. YAML is read as kubectl reads it (see docs/YAML.md).

--format sarif   SARIF 2.1.0 for GitHub code scanning: results at the line of their field
--fail-on ungranted
                 exit 1 when an object holds host access no recorded grant allows (every
                 piece of it for YAML without the grants annotation), or records a grant
                 its pod does not hold
--diff OLD NEW   the privilege drift from OLD to NEW (each a file or a directory; for git
                 revisions, check each out to a directory: git worktree add): per object,
                 host access added, removed, widened or narrowed, level changes, new
                 sensitive host paths, grants whose reason changed
--fail-on added  with --diff: exit 1 when NEW holds host access OLD did not (added or widened,
                 a level loosened, a new sensitive path)

limits: --max-input-size  bytes read from one file or from standard input (default 64Mi;
                          also 512Ki, 1Gi...)
        --max-alias-nodes nodes aliases and merge keys may add to one document (default 100000)

exit codes: 0 all input read and nothing reached --fail-on; 1 something reached --fail-on;
            2 an input could not be read or parsed (the others are still reported or
            compared), or the command line is wrong`;

/** A parsed command line, or the reason it is wrong. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | AuditCommand
  | DiffCommand
  | { readonly kind: 'error'; readonly message: string };

export interface AuditCommand {
  readonly kind: 'audit';
  readonly format: Format;
  readonly minor: number;
  readonly failOn?: FailOn;
  readonly paths: string[];
  readonly limits: InputLimits;
}

/** `audit --diff OLD NEW`. */
export interface DiffCommand {
  readonly kind: 'diff';
  readonly format: DiffFormat;
  readonly minor: number;
  readonly failOnAdded: boolean;
  readonly old: string;
  readonly new: string;
  readonly limits: InputLimits;
}

const OPTIONS = {
  'format': { type: 'string' },
  'policy-version': { type: 'string' },
  'fail-on': { type: 'string' },
  'diff': { type: 'boolean' },
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

  const diff = values.diff === true;
  const format = values.format ?? 'table';
  if (!FORMATS.includes(format as Format)) return { kind: 'error', message: `--format "${format}" is not one of ${FORMATS.join(', ')}` };
  if (diff && !DIFF_FORMATS.includes(format as DiffFormat)) return { kind: 'error', message: `--format ${format} is for the audit; --diff writes ${DIFF_FORMATS.slice(0, -1).join(', ')} or ${DIFF_FORMATS[DIFF_FORMATS.length - 1]}` };
  const version = values['policy-version'] ?? 'latest';
  const minor = parsePolicyVersion(version);
  if (minor === undefined) return { kind: 'error', message: `--policy-version "${version}" is not "latest" or "v1.N"` };
  const failOn = values['fail-on'];
  if (diff && failOn !== undefined && !(DIFF_FAIL_ON as readonly string[]).includes(failOn)) {
    return { kind: 'error', message: `--fail-on "${failOn}" does not apply to --diff: it fails only on ${DIFF_FAIL_ON.join(', ')}` };
  }
  if (!diff && failOn !== undefined && (DIFF_FAIL_ON as readonly string[]).includes(failOn)) return { kind: 'error', message: `--fail-on ${failOn} compares two sets of manifests: use it with --diff OLD NEW` };
  if (!diff && failOn !== undefined && !FAIL_ON.includes(failOn as FailOn)) return { kind: 'error', message: `--fail-on "${failOn}" is not one of ${FAIL_ON.join(', ')}` };

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

  if (paths.filter(p => p === '-').length > 1) return { kind: 'error', message: '- (standard input) can be given only once' };
  if (diff) {
    if (paths.length !== 2) return { kind: 'error', message: '--diff compares two sets of manifests: give OLD and NEW (a file or a directory each)' };
    return { kind: 'diff', format: format as DiffFormat, minor, failOnAdded: failOn !== undefined, old: paths[0], new: paths[1], limits };
  }
  if (!paths.length) return { kind: 'error', message: 'no input: give files, directories, or - for standard input' };
  return { kind: 'audit', format: format as Format, minor, failOn: failOn as FailOn | undefined, paths, limits };
}
