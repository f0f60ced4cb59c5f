import { createHash, randomBytes } from 'crypto';
import type * as sarif from 'sarif';
import { AuditedObject, AuditResult } from './audit';
import { objectLabel } from './rows';
import { SourceLines } from './source-lines';
import { POD_SECURITY_CHECKS } from '../checks/pod-security/registry';
import { ALL_RULES, API_SERVER_RULES } from '../checks/registry';
import { GRANTS_ANNOTATION } from '../model/grants-annotation';

/** Options of the SARIF report. */
export interface SarifOptions {
  /**
   * Reads an input file again, so that each result points at the line of its field; without it,
   * or for standard input, results point at line 1 of their file (GitHub requires a line).
   */
  readonly readSource?: (file: string) => string | undefined;
  /** The version of cdk8s-node-agents, shown as the tool's version. */
  readonly toolVersion?: string;
}

const REPOSITORY = 'https://github.com/cdk8s-node-agents/cdk8s-node-agents';
const RULES_DOC = `${REPOSITORY}/blob/main/docs/RULES.md`;
const GRANTS_DOC = `${REPOSITORY}#in-ci`;
const POD_SECURITY_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
/** GitHub's scale: 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<string, string> = { error: '8.0', warning: '5.0', info: '2.0' };
const LEVEL: Record<string, sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** The fingerprint's name and version: results keep their identity across runs while it is unchanged. */
const FINGERPRINT = 'cdk8sNodeAgentsResult/v1';

/**
 * The audit as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers: one result per
 * finding and per Pod Security violation, and one per granted privilege carrying an accepted
 * external suppression whose justification is the grant's reason (a grant without a reason is not
 * suppressed). Inputs that could not be read are tool notifications, and make the run unsuccessful.
 */
export function formatSarif(result: AuditResult, options: SarifOptions = {}): string {
  return [...sarifChunks(result, options)].join('');
}

/** The SARIF log of an audit (see formatSarif). */
export function toSarif(result: AuditResult, options: SarifOptions = {}): sarif.Log {
  const rules = ruleCatalog(result);
  const log = logWithoutResults(result, options, rules);
  log.runs[0].results = [...sarifResults(result, options, rules)];
  return log;
}

/**
 * `formatSarif`'s text (`JSON.stringify(toSarif(...), null, 2)`), a result at a time: neither the
 * results nor the text are ever held whole, and only one input file is read again at a time.
 */
export function* sarifChunks(result: AuditResult, options: SarifOptions = {}): Generator<string> {
  const rules = ruleCatalog(result);
  const log = logWithoutResults(result, options, rules);
  // The results go where this marker is; no input can spell it.
  const marker = `results-${randomBytes(16).toString('hex')}`;
  log.runs[0].results = [marker as unknown as sarif.Result];
  const indent = '\n        ';
  const [before, after] = JSON.stringify(log, null, 2).split(`${indent}${JSON.stringify(marker)}\n      `);
  yield before;
  let first = true;
  for (const r of sarifResults(result, options, rules)) {
    yield `${first ? '' : ','}${indent}${JSON.stringify(r, null, 2).split('\n').join(indent)}`;
    first = false;
  }
  yield `${first ? '' : '\n      '}${after}\n`;
}

/** Every rule the results refer to, in the order first used: known before any result is written. */
function ruleCatalog(result: AuditResult): RuleCatalog {
  const rules = new RuleCatalog();
  for (const obj of result.objects) {
    for (const f of obj.findings) rules.finding(f.id);
    for (const v of obj.violations) rules.podSecurity(v.check, v.level);
    for (const g of obj.grants) rules.grant(String(g.privilege));
  }
  return rules;
}

function* sarifResults(result: AuditResult, options: SarifOptions, rules: RuleCatalog): Generator<sarif.Result> {
  const read = (file: string) => (file === '-' || !options.readSource ? undefined : options.readSource(file));
  const fingerprints = new Fingerprints();
  // One file's parse at a time: the objects of a file come together, in input order.
  let lines = new SourceLines(read);
  let file: string | undefined;

  for (const obj of result.objects) {
    if (obj.file !== file) {
      file = obj.file;
      lines = new SourceLines(read);
    }
    const at = (path: string) => location(obj, lines.line(obj.file, obj, path));
    for (const f of obj.findings) {
      yield {
        ruleId: f.id,
        ruleIndex: rules.finding(f.id),
        level: LEVEL[f.severity] ?? 'warning',
        message: { text: `${objectLabel(obj)}: ${f.message}` },
        locations: [at(f.path)],
        partialFingerprints: fingerprints.of(f.id, obj, f.path),
        properties: { severity: f.severity, field: f.path },
      };
    }
    for (const v of obj.violations) {
      const id = `pod-security/${v.check}`;
      yield {
        ruleId: id,
        ruleIndex: rules.podSecurity(v.check, v.level),
        level: 'note',
        message: { text: `${objectLabel(obj)} needs Pod Security "${obj.level}" at ${result.policyVersion}: ${v.message}` },
        locations: [at(v.paths[0] ?? '')],
        partialFingerprints: fingerprints.of(id, obj, v.paths.join(',')),
        properties: { podSecurityLevel: obj.level, fields: v.paths },
      };
    }
    for (const g of obj.grants) {
      const privilege = String(g.privilege);
      const id = `granted/${privilege}`;
      const reason = typeof g.reason === 'string' && g.reason.trim() ? g.reason : undefined;
      const what = grantDescription(g);
      yield {
        ruleId: id,
        ruleIndex: rules.grant(privilege),
        level: 'note',
        message: { text: `${objectLabel(obj)} holds ${what}, granted ${reason ? `because: ${reason}` : 'without a reason'}` },
        locations: [at(`metadata.annotations["${GRANTS_ANNOTATION}"]`)],
        partialFingerprints: fingerprints.of(id, obj, grantIdentity(g)),
        suppressions: reason ? [{ kind: 'external', status: 'accepted', justification: reason }] : undefined,
        properties: { grant: g },
      };
    }
  }
}

function logWithoutResults(result: AuditResult, options: SarifOptions, rules: RuleCatalog): sarif.Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-node-agents',
          informationUri: REPOSITORY,
          ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
          rules: rules.all(),
        },
      },
      invocations: [{
        executionSuccessful: result.errors.length === 0,
        toolExecutionNotifications: result.errors.map(e => ({
          level: 'error' as const,
          message: { text: e.message },
          locations: [{ physicalLocation: { artifactLocation: artifact(e.file), region: { startLine: e.line ?? 1 } } }],
        })),
      }],
      results: [],
      properties: { policyVersion: result.policyVersion, skipped: result.skipped },
    }],
  };
}

function location(obj: AuditedObject, line: number | undefined): sarif.Location {
  return {
    physicalLocation: { artifactLocation: artifact(obj.file), region: { startLine: line ?? 1 } },
    logicalLocations: [{ kind: 'object', name: obj.name, fullyQualifiedName: `${obj.kind}/${obj.namespace ?? ''}/${obj.name}` }],
  };
}

function artifact(file: string): sarif.ArtifactLocation {
  const uri = file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return file.startsWith('/') ? { uri: `file://${uri}` } : { uri, uriBaseId: '%SRCROOT%' };
}

/** The rules results refer to, each described once, in the order first used. */
class RuleCatalog {
  private readonly rules: sarif.ReportingDescriptor[] = [];
  private readonly index = new Map<string, number>();

  public finding(id: string): number {
    return this.add(id, () => {
      const rule = ALL_RULES.find(r => r.id === id);
      const what = rule?.description ?? id;
      const apiServer = API_SERVER_RULES.some(r => r.id === id);
      return {
        id,
        name: camel(id),
        shortDescription: { text: limit(sentence(what)) },
        fullDescription: { text: limit(`${sentence(what)} ${rule ? `Severity ${rule.severity}; ${apiServer ? 'mirrors' : 'evidence'}: ${rule.source}.` : ''}`.trim()) },
        helpUri: RULES_DOC,
        help: { text: `${sentence(what)} See ${RULES_DOC} (rule ${id}).`, markdown: `${sentence(what)} See [docs/RULES.md](${RULES_DOC}) (rule \`${id}\`).` },
        defaultConfiguration: { level: LEVEL[rule?.severity ?? 'warning'] },
        properties: { 'tags': ['kubernetes', 'node-agent', 'security'], 'security-severity': SECURITY_SEVERITY[rule?.severity ?? 'warning'] },
      };
    });
  }

  public podSecurity(check: string, level: string): number {
    const id = `pod-security/${check}`;
    return this.add(id, () => {
      const known = POD_SECURITY_CHECKS.find(c => c.id === check);
      const text = `Pod Security Standards, ${known?.level ?? level} level: the pod template fails the "${check}" check, so a namespace enforcing that level rejects its pods.`;
      return {
        id,
        name: camel(`pod-security-${check}`),
        shortDescription: { text: `Pod Security "${check}" check (${known?.level ?? level} level)` },
        fullDescription: { text },
        helpUri: POD_SECURITY_DOC,
        help: { text: `${text} The object's level is the most restrictive that admits it; see ${POD_SECURITY_DOC} and ${RULES_DOC}#pod-security-standards.` },
        defaultConfiguration: { level: 'note' },
        properties: { tags: ['kubernetes', 'pod-security'] },
      };
    });
  }

  public grant(privilege: string): number {
    const id = `granted/${privilege}`;
    return this.add(id, () => {
      const text = `Host access of kind "${privilege}" recorded as a grant (node-agents.cdk8s.io/grants annotation) with the reason it is needed.`;
      return {
        id,
        name: camel(`granted-${privilege}`),
        shortDescription: { text: `Granted privilege: ${privilege}` },
        fullDescription: { text: `${text} Suppressed (external, accepted) with the grant's reason as justification; a grant without a reason is not suppressed.` },
        helpUri: GRANTS_DOC,
        help: { text: `${text} Review the reason; remove the grant if the agent does not need the access. How granted results show in code scanning: ${GRANTS_DOC}` },
        defaultConfiguration: { level: 'note' },
        properties: { tags: ['kubernetes', 'node-agent', 'grant'] },
      };
    });
  }

  public all(): sarif.ReportingDescriptor[] {
    return this.rules;
  }

  private add(id: string, describe: () => sarif.ReportingDescriptor): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.rules.push(describe()) - 1;
      this.index.set(id, i);
    }
    return i;
  }
}

/**
 * Fingerprints that identify a result by rule, object (kind, namespace, name) and field or grant,
 * not by file or line: a moved file or an edit above keeps the alert; equal keys are numbered.
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  public of(ruleId: string, obj: AuditedObject, what: string): Record<string, string> {
    const key = [ruleId, obj.kind, obj.namespace ?? '', obj.name, what].join('\u0000');
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return { [FINGERPRINT]: createHash('sha256').update(`${key}\u0000${n}`).digest('hex') };
  }
}

/** Everything of a grant but its reason. */
function grantIdentity(g: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(g).filter(k => k !== 'reason').sort().map(k => [k, g[k]]));
}

function grantDescription(g: Record<string, unknown>): string {
  const target = g.capability ?? g.profile ?? (g.path ? `${g.path} (${g.writable ? 'read-write' : 'read-only'})` : undefined) ?? (g.port ? `${g.port}/${g.protocol ?? 'TCP'}` : undefined);
  return [String(g.privilege), target, g.container ? `in container "${g.container}"` : undefined].filter(Boolean).join(' ');
}

function sentence(text: string): string {
  const t = text.replace(/`/g, '');
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** GitHub refuses descriptions over 1024 characters. */
function limit(text: string): string {
  return text.length <= 1024 ? text : `${text.slice(0, 1021)}...`;
}

function camel(id: string): string {
  return id.replace(/[-_/](.)/g, (_, c: string) => c.toUpperCase());
}
