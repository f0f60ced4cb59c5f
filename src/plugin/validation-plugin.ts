import { readFileSync } from 'fs';
import { parsePolicyVersion } from '../checks/pod-security/registry';
import { AuditError, auditDocuments, AuditResult, SourceDocument } from '../report/audit';

/**
 * Properties of the cdk8s-cli validation plugin, given as `properties:` in `cdk8s.yaml`.
 */
export interface NodeAgentsValidationProps {
  /**
   * The Pod Security policy version to evaluate at: `latest` or `v1.N`.
   * @default 'latest'
   */
  readonly policyVersion?: string;
  /**
   * The lowest finding severity that fails `cdk8s synth`: `error` or `warning`. Findings below it
   * are listed in the report without failing it.
   * @default 'error'
   */
  readonly failOn?: string;
}

const FAIL_ON = ['error', 'warning'];
const RULES_URL = 'https://github.com/cdk8s-node-agents/cdk8s-node-agents/blob/main/docs/RULES.md';

/**
 * The package as a cdk8s-cli validation plugin: `cdk8s synth` hands it the manifests it wrote,
 * and it reports what `cdk8s-node-agents audit` finds in them (errors and warnings, and inputs it
 * cannot read), each resource with its construct path when cdk8s recorded one. In `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-node-agents
 *     version: 1.2.3          # a pinned version: cdk8s-cli refuses ranges
 *     class: NodeAgentsValidation
 *     properties: { failOn: warning }
 * ```
 */
export class NodeAgentsValidation {
  private readonly minor?: number;
  private readonly failOn: string;
  private readonly propertyErrors: string[] = [];

  constructor(props: NodeAgentsValidationProps = {}) {
    // cdk8s-cli passes `properties` as written in cdk8s.yaml: anything may arrive here. A bad
    // property is reported in the validation report rather than thrown while plugins load.
    const given = (props ?? {}) as Record<string, unknown>;
    const policyVersion = given.policyVersion ?? 'latest';
    this.minor = typeof policyVersion === 'string' ? parsePolicyVersion(policyVersion) : undefined;
    if (this.minor === undefined) this.propertyErrors.push(`policyVersion ${JSON.stringify(policyVersion)} is not "latest" or "v1.N" (for example "v1.30")`);
    const failOn = given.failOn ?? 'error';
    this.failOn = typeof failOn === 'string' && FAIL_ON.includes(failOn) ? failOn : 'error';
    if (this.failOn !== failOn) this.propertyErrors.push(`failOn ${JSON.stringify(failOn)} is not one of ${FAIL_ON.map(s => `"${s}"`).join(', ')}`);
    for (const key of Object.keys(given)) {
      if (key !== 'policyVersion' && key !== 'failOn') this.propertyErrors.push(`unknown property "${key}"; the properties are policyVersion and failOn`);
    }
  }

  /**
   * Audits the manifests of `context` (a cdk8s-cli `ValidationContext`) and submits its report.
   * @param context the cdk8s-cli validation context
   */
  public async validate(context: any): Promise<void> {
    const report = (context as PluginContext).report;
    try {
      if (this.propertyErrors.length) {
        report.addViolation({
          ruleName: 'plugin-properties',
          recommendation: `the properties of the cdk8s-node-agents validation in cdk8s.yaml are invalid: ${this.propertyErrors.join('; ')}`,
          fix: 'correct the properties of the validation in cdk8s.yaml',
          violatingResources: [],
        });
        report.submit('failure');
        return;
      }
      const manifests: readonly string[] = Array.isArray((context as PluginContext).manifests) ? (context as PluginContext).manifests : [];
      const { result, sharedNames } = auditManifests(manifests, this.minor!);
      const failed = reportResult(report, result, this.failOn, sharedNames);
      report.submit(failed ? 'failure' : 'success', { policyVersion: result.policyVersion, objects: String(result.objects.length), failOn: this.failOn });
    } catch (e) {
      // cdk8s-cli shows a thrown error as a stack trace, and a report never submitted as an
      // error of its own: report what went wrong instead.
      if (!submitted(report)) {
        report.addViolation({ ruleName: 'plugin-error', recommendation: `the audit could not complete: ${(e as Error).message}`, fix: 'report this as a bug of cdk8s-node-agents', violatingResources: [] });
        report.submit('failure');
      }
    }
  }
}

/** The part of cdk8s-cli's ValidationContext the plugin uses (it is not a runtime dependency). */
interface PluginContext {
  readonly manifests: readonly string[];
  readonly report: PluginReport;
}

interface ViolatingResource { resourceName: string; locations: string[]; manifestPath: string }

interface Violation { ruleName: string; recommendation: string; fix: string; violatingResources: ViolatingResource[] }

interface PluginReport {
  /** Throws until the report is submitted. */
  readonly success: boolean;
  addViolation(violation: Violation): void;
  submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
}

function submitted(report: PluginReport): boolean {
  try {
    void report.success;
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads and audits the written manifests; a file that cannot be read or parsed is an error of its
 * own. Also tells which names several objects share (cdk8s-cli keeps one construct path per name).
 */
function auditManifests(files: readonly string[], minor: number): { result: AuditResult; sharedNames: Set<string> } {
  const documents: SourceDocument[] = [];
  const errors: AuditError[] = [];
  const names = new Set<string>();
  const sharedNames = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf-8');
    } catch (e) {
      errors.push({ file, message: `cannot read: ${(e as Error).message}` });
      continue;
    }
    const { LineCounter, parseAllDocuments } = yaml();
    const lineCounter = new LineCounter();
    for (const doc of parseAllDocuments(text, { lineCounter })) {
      const line = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0).line;
      if (doc.errors.length) {
        errors.push({ file, line: doc.errors[0].linePos?.[0]?.line ?? line, message: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}` });
        continue;
      }
      const value = doc.toJS({ maxAliasCount: 1000 });
      if (value === null || value === undefined) continue;
      documents.push({ file, line, doc: value });
      const name = value?.metadata?.name;
      if (typeof name === 'string') {
        if (names.has(name)) sharedNames.add(name);
        names.add(name);
      }
    }
  }
  return { result: auditDocuments(documents, minor, errors), sharedNames };
}

/** Adds a violation per finding (grouped by rule and message) and per input error; returns whether the report fails. */
function reportResult(report: PluginReport, result: AuditResult, failOn: string, shared: ReadonlySet<string>): boolean {
  const failing = failOn === 'warning' ? ['error', 'warning'] : ['error'];
  const groups = new Map<string, Violation>();
  let failed = false;
  for (const obj of result.objects) {
    for (const f of obj.findings) {
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      if (failing.includes(f.severity)) failed = true;
      const key = `${f.id}\n${f.message}`;
      let group = groups.get(key);
      if (!group) {
        group = { ruleName: `${f.id} (${f.severity})`, recommendation: f.message, fix: `${RULES_URL} (rule ${f.id})`, violatingResources: [] };
        groups.set(key, group);
      }
      // cdk8s-cli finds the construct path by metadata.name alone, and of objects sharing a name
      // records only one: such an object is named by kind and namespace too, without a path,
      // rather than shown under another object's construct path.
      const resourceName = shared.has(obj.name) ? `${obj.kind} ${obj.namespace ? `${obj.namespace}/` : ''}${obj.name}` : obj.name;
      const resource = group.violatingResources.find(r => r.resourceName === resourceName && r.manifestPath === obj.file);
      if (resource) resource.locations.push(f.path);
      else group.violatingResources.push({ resourceName, locations: [f.path], manifestPath: obj.file });
    }
  }
  for (const violation of groups.values()) report.addViolation(violation);
  for (const e of result.errors) {
    failed = true;
    report.addViolation({
      ruleName: 'input-error',
      recommendation: e.message,
      fix: 'the manifest must be YAML of Kubernetes objects',
      violatingResources: [{ resourceName: '(input)', locations: e.line ? [`line ${e.line}`] : [], manifestPath: e.file }],
    });
  }
  return failed;
}

/**
 * The YAML parser, loaded when the plugin runs: the package's index exports the plugin, and every
 * app that imports the constructs would otherwise load a parser it does not use.
 */
function yaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}
