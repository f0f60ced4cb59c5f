import { parsePolicyVersion } from '../checks/pod-security/registry';

/** What the audit can fail on, from most to least severe. */
export const FAIL_ON = ['privileged', 'baseline', 'error', 'warning'] as const;
export type FailOn = typeof FAIL_ON[number];
export const FORMATS = ['table', 'json', 'markdown'] as const;
export type Format = typeof FORMATS[number];

export const USAGE = `usage: cdk8s-node-agents audit [--format table|json|markdown] [--policy-version latest|v1.N]
                               [--fail-on privileged|baseline|error|warning] PATH... | -

Reports what every workload in the manifests can do to its nodes: the Pod Security level it
needs and why, the privileges it was granted (with reasons, for manifests of this library),
and node-agent mistakes.

exit codes: 0 all input read and nothing reached --fail-on; 1 something reached --fail-on;
            2 an input could not be read or parsed, or the command line is wrong`;

/** A parsed command line, or the reason it is wrong. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'audit'; readonly format: Format; readonly minor: number; readonly failOn?: FailOn; readonly paths: string[] }
  | { readonly kind: 'error'; readonly message: string };

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'audit') return { kind: 'error', message: `unknown command "${command}"; the command is "audit"` };
  let format: Format = 'table';
  let version = 'latest';
  let failOn: FailOn | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? rest[++i];
    if (flag === '--format') {
      const v = value();
      if (!FORMATS.includes(v as Format)) return { kind: 'error', message: `--format "${v}" is not one of ${FORMATS.join(', ')}` };
      format = v as Format;
    } else if (flag === '--policy-version') {
      version = value();
      if (parsePolicyVersion(version ?? '') === undefined) return { kind: 'error', message: `--policy-version "${version}" is not "latest" or "v1.N"` };
    } else if (flag === '--fail-on') {
      const v = value();
      if (!FAIL_ON.includes(v as FailOn)) return { kind: 'error', message: `--fail-on "${v}" is not one of ${FAIL_ON.join(', ')}` };
      failOn = v as FailOn;
    } else if (arg.startsWith('--')) {
      return { kind: 'error', message: `unknown option "${arg}"` };
    } else {
      paths.push(arg);
    }
  }
  if (!paths.length) return { kind: 'error', message: 'no input: give files, directories, or - for standard input' };
  return { kind: 'audit', format, minor: parsePolicyVersion(version)!, failOn, paths };
}
