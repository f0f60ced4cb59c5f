import { Finding, Severity } from './finding';
import { containersOf, ContainerView, forgetViews, joinPath, KubeObject, podTemplateOf, PodTemplateView } from '../model/pod-template';

/** What a rule reports: where, and what is wrong. The rule adds its id and severity. */
export interface Violation {
  readonly path: string;
  readonly message: string;
  /**
   * A severity other than the rule's, e.g. `info` for something acknowledged by a grant.
   * @default - the rule's severity
   */
  readonly severity?: Severity;
}

/**
 * A check of one manifest object. One rule per file, like the Pod Security checks
 * of kubernetes/pod-security-admission: adding a rule is adding a file and listing it.
 */
export interface ManifestRule {
  /** Stable id, kebab-case, used in findings and docs/RULES.md. */
  readonly id: string;
  /** What it finds, in a phrase: its row in docs/RULES.md and its SARIF description. */
  readonly description: string;
  readonly severity: Severity;
  /** The Kubernetes source it mirrors (function and file), or the evidence for a hygiene rule. */
  readonly source: string;
  /** The object kinds it reads; `*` for every kind. */
  readonly kinds: readonly string[];
  check(obj: KubeObject): Violation[];
}

/** Runs rules over one object and returns their findings, rules in registry order. */
export function runRules(rules: readonly ManifestRule[], obj: KubeObject): Finding[] {
  const findings: Finding[] = [];
  try {
    for (const rule of rules) {
      if (!rule.kinds.includes('*') && !rule.kinds.includes(obj.kind as string)) continue;
      for (const v of rule.check(obj)) {
        findings.push({ rule: rule.id, severity: v.severity ?? rule.severity, path: v.path, message: v.message });
      }
    }
  } finally {
    forgetViews(obj);
  }
  return findings;
}

/** Renders a value for a message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/**
 * Visits every container of an object's pod template (init, regular, ephemeral) and collects
 * what the visitor reports; objects without a pod template have nothing to report.
 */
export function eachContainer(obj: KubeObject, visit: (c: ContainerView, out: Violation[], template: PodTemplateView) => void): Violation[] {
  const template = podTemplateOf(obj);
  if (!template) return [];
  const out: Violation[] = [];
  for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) visit(c, out, template);
  return out;
}

/** Visits every volume of an object's pod template with its index. */
export function eachVolume(obj: KubeObject, visit: (volume: any, index: number, out: Violation[], template: PodTemplateView) => void): Violation[] {
  const template = podTemplateOf(obj);
  if (!template || !Array.isArray(template.spec.volumes)) return [];
  const out: Violation[] = [];
  template.spec.volumes.forEach((v: any, i: number) => visit(v, i, out, template));
  return out;
}

/** Visits an object's pod spec with its dotted path (e.g. `spec.template.spec`). */
export function inPodSpec(obj: KubeObject, visit: (spec: any, specPath: string, out: Violation[]) => void): Violation[] {
  const template = podTemplateOf(obj);
  if (!template) return [];
  const out: Violation[] = [];
  visit(template.spec, joinPath(template.path, 'spec'), out);
  return out;
}
