import { PodSecurityLevel } from '../checks/pod-security/api';
import { policyVersionName, requiredPodSecurityLevel } from '../checks/pod-security/registry';
import { ALL_RULES } from '../checks/registry';
import { runRules } from '../checks/rule';
import { decodeGrants } from '../model/grants-annotation';
import { podShapeErrors } from '../model/pod-shape';
import { holdsPodTemplate, joinPath, podTemplateOf } from '../model/pod-template';

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
}

/** The whole report. */
export interface AuditResult {
  readonly policyVersion: string;
  readonly objects: AuditedObject[];
  readonly skipped: number;
  readonly errors: AuditError[];
}

/** Audits parsed documents at a policy version (a 1.x minor). Objects without a pod template are counted as skipped. */
export function auditDocuments(documents: readonly SourceDocument[], minor: number, errors: AuditError[] = []): AuditResult {
  const objects: AuditedObject[] = [];
  let skipped = 0;
  for (const source of documents) {
    const { file, doc } = source;
    // `line` may be computed on demand: read it only for a message.
    for (const obj of expandLists(doc)) {
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
        errors.push({ file, line: source.line, message: `the document is ${Array.isArray(obj) ? 'a list' : `a scalar (${JSON.stringify(obj)})`}, not a Kubernetes object` });
        continue;
      }
      const o = obj as any;
      if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') {
        errors.push({ file, line: source.line, message: 'the document is not a Kubernetes object: apiVersion and kind must be strings' });
        continue;
      }
      if (!holdsPodTemplate(o.kind)) { skipped++; continue; }
      const shape = podShapeErrors(o);
      if (shape.length) {
        errors.push({ file, line: source.line, message: `${o.kind} ${o.metadata?.name ?? '(unnamed)'}: ${shape.join('; ')}` });
        continue;
      }
      try {
        objects.push(auditObject(file, o, minor));
      } catch (e) {
        // The shape check should make this unreachable; if not, report instead of crashing.
        errors.push({ file, line: source.line, message: `${o.kind} ${o.metadata?.name ?? '(unnamed)'} could not be checked: ${(e as Error).message}` });
      }
    }
  }
  return { policyVersion: policyVersionName(minor), objects, skipped, errors };
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
  };
}

/** A `kind: List` (what `kubectl get -o yaml` prints) stands for its items. */
function expandLists(doc: unknown): unknown[] {
  const d = doc as any;
  if (d && typeof d === 'object' && !Array.isArray(d) && typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items)) return d.items;
  return [doc];
}
