import { AuditedObject, AuditResult, SourceDocument } from './audit';
import { HeldAccess, heldAccessOf } from './diff-host-access';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { sensitiveHostPath } from '../model/sensitive-host-paths';

export type { HeldAccess } from './diff-host-access';

/** An audited object with the host access it holds (what the diff compares). */
export interface ObjectWithAccess extends AuditedObject {
  readonly hostAccess?: readonly HeldAccess[];
}

/** An audit whose objects carry their host access. */
export interface AuditWithAccess extends AuditResult {
  readonly objects: ObjectWithAccess[];
}

/** A host path that became sensitive on the new side, or is new and sensitive. */
export interface SensitivePathChange {
  readonly container?: string;
  readonly path: string;
  readonly writable: boolean;
  /** Why the path is sensitive. */
  readonly why: string;
}

/** A grant whose recorded reason changed. */
export interface GrantReasonChange {
  /** The grant without its reason, e.g. `hostPath /run/xtables.lock rw (kube-proxy)`. */
  readonly grant: string;
  readonly oldReason?: string;
  readonly newReason?: string;
}

/** What changed for one object, matched by kind, namespace and name (not by file). */
export interface ObjectDiff {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** `added` and `removed`: the object is on one side only. */
  readonly status: 'added' | 'removed' | 'changed';
  /** The file on each side; they differ when the object moved. */
  readonly oldFile?: string;
  readonly newFile?: string;
  /** For an object on both sides: whether its file moved (set by callers that name files under different roots). */
  readonly moved?: boolean;
  /** The Pod Security level on each side, when it differs. */
  readonly level?: { readonly old?: PodSecurityLevel; readonly new?: PodSecurityLevel };
  /** Host access held on the new side only. */
  readonly added: HeldAccess[];
  /** Host access held on the old side only. */
  readonly removed: HeldAccess[];
  /** Host paths mounted read-only before and read-write now. */
  readonly widened: HeldAccess[];
  /** Host paths mounted read-write before and read-only now. */
  readonly narrowed: HeldAccess[];
  readonly newSensitivePaths: SensitivePathChange[];
  readonly grantReasons: GrantReasonChange[];
}

/** The privilege drift between two audits (the JSON contract of `audit --diff`, see README). */
export interface AuditDiff {
  readonly oldPolicyVersion: string;
  readonly newPolicyVersion: string;
  /** The objects with any change, in the new side's order, then those removed. */
  readonly objects: ObjectDiff[];
  /** Objects compared (on both sides). */
  readonly unchanged: number;
}

/**
 * Audits documents' host access for the diff: each audited object gets the host access its
 * document holds. The documents are those the audit read, in the same order.
 */
export function withHostAccess(result: AuditResult, documents: readonly SourceDocument[]): AuditWithAccess {
  const byIdentity = new Map<string, unknown[]>();
  for (const { file, doc } of documents) {
    const d = doc as any;
    const items = d && typeof d.kind === 'string' && d.kind.endsWith('List') && Array.isArray(d.items) ? d.items : [d];
    for (const obj of items) {
      if (!obj || typeof obj !== 'object') continue;
      const key = identity({ file, kind: obj.kind, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' }, true);
      byIdentity.set(key, [...(byIdentity.get(key) ?? []), obj]);
    }
  }
  const used = new Map<string, number>();
  return {
    ...result,
    objects: result.objects.map(o => {
      const key = identity(o, true);
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      const doc = byIdentity.get(key)?.[n];
      return { ...o, hostAccess: doc ? heldAccessOf(doc as any) : [] };
    }),
  };
}

/** Compares two audits object by object (kind, namespace, name), whatever file each is in. */
export function diffAudits(oldAudit: AuditWithAccess, newAudit: AuditWithAccess): AuditDiff {
  const olds = new Map<string, ObjectWithAccess[]>();
  for (const o of oldAudit.objects) olds.set(identity(o), [...(olds.get(identity(o)) ?? []), o]);
  const objects: ObjectDiff[] = [];
  let unchanged = 0;
  for (const n of newAudit.objects) {
    const o = olds.get(identity(n))?.shift();
    const d = diffObject(o, n);
    if (d) objects.push(d);
    else unchanged++;
  }
  for (const rest of olds.values()) for (const o of rest) objects.push(diffObject(o, undefined)!);
  return { oldPolicyVersion: oldAudit.policyVersion, newPolicyVersion: newAudit.policyVersion, objects, unchanged };
}

/** Whether the new side holds anything the old did not: `--fail-on added`. */
export function hasAdditions(diff: AuditDiff): boolean {
  return diff.objects.some(o => o.added.length > 0 || o.widened.length > 0 || o.newSensitivePaths.length > 0 || loosened(o.level));
}

/** A level that admits more than before (restricted to baseline, baseline to privileged). */
export function loosened(level: ObjectDiff['level']): boolean {
  if (!level?.new) return false;
  return ORDER.indexOf(level.new) > (level.old ? ORDER.indexOf(level.old) : 0);
}

const ORDER = [PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED];

function diffObject(o: ObjectWithAccess | undefined, n: ObjectWithAccess | undefined): ObjectDiff | undefined {
  const any = (n ?? o)!;
  const oldAccess = o?.hostAccess ?? [];
  const newAccess = n?.hostAccess ?? [];
  const oldByKey = new Map(oldAccess.map(a => [accessKey(a), a]));
  const newByKey = new Map(newAccess.map(a => [accessKey(a), a]));
  const added = newAccess.filter(a => !oldByKey.has(accessKey(a)));
  const removed = oldAccess.filter(a => !newByKey.has(accessKey(a)));
  const widened = newAccess.filter(a => a.writable && oldByKey.get(accessKey(a))?.writable === false);
  const narrowed = newAccess.filter(a => a.writable === false && oldByKey.get(accessKey(a))?.writable === true);
  const level = o?.level !== n?.level ? { old: o?.level, new: n?.level } : undefined;
  const newSensitivePaths = newAccess.flatMap(a => {
    if (a.privilege !== 'hostPath' || !a.target) return [];
    const now = sensitiveHostPath(a.target, !!a.writable);
    const before = oldByKey.get(accessKey(a));
    if (!now || (before && sensitiveHostPath(before.target!, !!before.writable))) return [];
    return [{ container: a.container, path: a.target, writable: !!a.writable, why: now.entry.why }];
  });
  const grantReasons = o && n ? reasonChanges(o, n) : [];
  const moved = o && n && o.file !== n.file;
  const status = !o ? 'added' : !n ? 'removed' : 'changed';
  if (status === 'changed' && !moved && !level && !added.length && !removed.length && !widened.length && !narrowed.length && !grantReasons.length) return undefined;
  return {
    kind: any.kind,
    namespace: any.namespace,
    name: any.name,
    status,
    oldFile: o?.file,
    newFile: n?.file,
    level,
    added,
    removed,
    widened,
    narrowed,
    newSensitivePaths,
    grantReasons,
  };
}

function reasonChanges(o: AuditedObject, n: AuditedObject): GrantReasonChange[] {
  const oldReasons = new Map(o.grants.map(g => [grantLabel(g), reasonOf(g)]));
  return n.grants.flatMap(g => {
    const label = grantLabel(g);
    if (!oldReasons.has(label)) return [];
    const oldReason = oldReasons.get(label);
    const newReason = reasonOf(g);
    return oldReason === newReason ? [] : [{ grant: label, oldReason, newReason }];
  });
}

function reasonOf(g: Record<string, unknown>): string | undefined {
  return typeof g.reason === 'string' ? g.reason : undefined;
}

/** A grant's identity and description without its reason: `hostPath /run/xtables.lock rw (kube-proxy)`. */
export function grantLabel(g: Record<string, unknown>): string {
  const target = g.capability ?? g.profile ?? (g.path ? `${g.path} ${g.writable ? 'rw' : 'ro'}` : undefined) ?? (g.port ? `${g.port}/${g.protocol ?? 'TCP'}` : undefined);
  return [g.privilege, target, g.container ? `(${g.container})` : undefined].filter(Boolean).join(' ');
}

/** A piece of access without its access mode, so that a mount made writable is one entry widened. */
function accessKey(a: HeldAccess): string {
  return `${a.container ?? ''}|${a.privilege}|${a.target ?? ''}`;
}

function identity(o: { kind: string; namespace?: string; name: string; file?: string }, withFile = false): string {
  return `${withFile ? `${o.file}|` : ''}${o.kind}|${o.namespace ?? ''}|${o.name}`;
}
