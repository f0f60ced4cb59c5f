import { UngrantedAccess, ungrantedAccessOf } from './ungranted';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { policyVersionName, requiredPodSecurityLevel } from '../checks/pod-security/registry';
import { ALL_RULES } from '../checks/registry';
import { runRules } from '../checks/rule';
import { decodeGrants } from '../model/grants-annotation';
import { podShapeErrors } from '../model/pod-shape';
import { holdsPodTemplate, joinPath, KubeObject, podTemplateOf } from '../model/pod-template';

/** One parsed YAML document, with where it came from. */
export interface SourceDocument {
  readonly file: string;
  /** The line the document's content starts on (1-based); may be computed on first read. */
  readonly line?: number;
  readonly doc: unknown;
}

/** An input that could not be read, parsed or checked. */
export interface AuditError {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** The audit of one object that holds a pod template (the JSON contract, see README). */
export interface AuditedObject {
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly level: PodSecurityLevel;
  readonly violations: Array<{ check: string; level: string; message: string; paths: string[] }>;
  readonly grants: Array<Record<string, unknown>>;
  readonly findings: Array<{ id: string; severity: string; message: string; path: string }>;
  /** Host access held without a grant that allows it: what `--fail-on ungranted` fails on. */
  readonly ungranted: UngrantedAccess[];
  /** Grants of the object's record that its pod does not hold: `--fail-on ungranted` fails on them too. */
  readonly absentGrants: Array<Record<string, unknown>>;
}

/** The whole report. */
export interface AuditResult {
  readonly policyVersion: string;
  readonly objects: AuditedObject[];
  readonly skipped: number;
  readonly errors: AuditError[];
}

/** Audits parsed documents at a policy version (a 1.x minor). Objects without a pod template are counted as skipped. */
export function auditDocuments(documents: Iterable<SourceDocument>, minor: number, errors: AuditError[] = []): AuditResult {
  const audit = new Audit(minor);
  for (const error of errors) audit.error(error);
  for (const source of documents) audit.document(source);
  return audit.result();
}

/**
 * An audit fed one document at a time, so that a document can be dropped once audited:
 * memory holds the report, not every parsed manifest.
 */
export class Audit {
  private readonly objects: AuditedObject[] = [];
  private readonly errors: AuditError[] = [];
  private skipped = 0;

  constructor(private readonly minor: number) {}

  error(error: AuditError): void {
    this.errors.push({ ...error, message: truncate(error.message, MAX_MESSAGE) });
  }

  document(source: SourceDocument): void {
    const { file, doc } = source;
    for (const obj of expandLists(doc)) {
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        this.error({ file, line: source.line, message: `the document is ${Array.isArray(obj) ? 'a list' : `a scalar (${truncate(JSON.stringify(obj) ?? String(obj), MAX_ECHO)})`}, not a Kubernetes object` });
        continue;
      }
      const o = obj as any;
      if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') {
        this.error({ file, line: source.line, message: 'the document is not a Kubernetes object: apiVersion and kind must be strings' });
        continue;
      }
      if (!holdsPodTemplate(o.kind)) { this.skipped++; continue; }
      const shape = podShapeErrors(o);
      if (shape.length) {
        this.error({ file, line: source.line, message: `${describeObject(o)}: ${shape.join('; ')}` });
        continue;
      }
      try {
        this.objects.push(this.audited(file, o));
      } catch (e) {
        // The shape check should make this unreachable; if not, report instead of crashing.
        this.error({ file, line: source.line, message: `${describeObject(o)} could not be checked: ${(e as Error).message}` });
      }
    }
  }

  /** The report of one object that holds a pod template (an extension point for reports that need more of it). */
  protected audited(file: string, obj: KubeObject): AuditedObject {
    return auditObject(file, obj, this.minor);
  }

  result(): AuditResult {
    return { policyVersion: policyVersionName(this.minor), objects: this.objects, skipped: this.skipped, errors: this.errors };
  }
}

/** Messages quote values from the input; these bound how much of them (the JSON keeps objects whole). */
const MAX_ECHO = 80;
const MAX_MESSAGE = 2000;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length - max} more characters)`;
}

function describeObject(o: any): string {
  const name = o.metadata?.name;
  return `${truncate(o.kind, MAX_ECHO)} ${typeof name === 'string' ? truncate(name, MAX_ECHO) : '(unnamed)'}`;
}

function auditObject(file: string, obj: any, minor: number): AuditedObject {
  const template = podTemplateOf(obj)!;
  const { level, violations } = requiredPodSecurityLevel(minor, template.metadata, template.spec);
  return {
    file,
    kind: obj.kind,
    name: obj.metadata?.name ?? '',
    namespace: obj.metadata?.namespace,
    level,
    violations: violations.map(v => ({ check: v.check, level: v.level, message: v.message, paths: v.paths.map(p => joinPath(template.path, p)) })),
    grants: (decodeGrants(obj.metadata) ?? []).map(g => ({ ...g })),
    findings: runRules(ALL_RULES, obj).map(f => ({ id: f.rule, severity: f.severity, message: f.message, path: f.path })),
    ...ungrantedAccessOf(obj),
  };
}

/**
 * kubectl treats any object with an `items` field as a list and applies its items, nested
 * lists included; an item with neither kind nor apiVersion takes the list's kind without its
 * `List` suffix and the list's apiVersion (apimachinery `unstructured.decodeToList`).
 */
function expandLists(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const stack: unknown[] = [doc];
  while (stack.length) {
    const d = stack.pop() as any;
    if (!d || typeof d !== 'object' || Array.isArray(d) || !Array.isArray(d.items)) {
      out.push(d);
      continue;
    }
    const kind = typeof d.kind === 'string' ? d.kind.replace(/List$/, '') : undefined;
    for (let i = d.items.length - 1; i >= 0; i--) {
      const item = d.items[i];
      const bare = item && typeof item === 'object' && !Array.isArray(item) && !item.kind && !item.apiVersion;
      stack.push(bare ? { ...item, kind, apiVersion: d.apiVersion } : item);
    }
  }
  return out;
}
