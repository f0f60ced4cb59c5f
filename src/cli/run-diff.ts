import { join, relative } from 'path';
import { DiffCommand } from './args';
import { InputStream, readInputs } from './read-inputs';
import { KubeObject } from '../model/pod-template';
import { Audit, AuditedObject } from '../report/audit';
import { AuditDiff, AuditWithAccess, diffAudits, hasAdditions, ObjectWithAccess } from '../report/diff';
import { heldAccessOf } from '../report/diff-host-access';
import { DiffInputError, formatDiffJson, formatDiffMarkdown, formatDiffTable } from '../report/format-diff';

/** An audit whose objects carry the host access they hold, derived while each document is at hand. */
class AccessAudit extends Audit {
  protected audited(file: string, obj: KubeObject): AuditedObject {
    const audited: ObjectWithAccess = { ...super.audited(file, obj), hostAccess: heldAccessOf(obj) };
    return audited;
  }
}

/**
 * `audit --diff OLD NEW`: reads each side with the audit's reader (same limits, each refusal an
 * error naming its side and file), compares them object by object and resolves to the report
 * and the exit code: 2 when an input could not be read (the rest is still compared), 1 with
 * `--fail-on added` when NEW holds host access OLD did not, 0 otherwise.
 */
export async function runDiff(command: DiffCommand, stdin: InputStream): Promise<{ report: string; exitCode: number }> {
  const sides: AuditWithAccess[] = [];
  const errors: DiffInputError[] = [];
  for (const [side, path] of [['old', command.old], ['new', command.new]] as const) {
    const audit = new AccessAudit(command.minor);
    // Each file is compared by its name under its side's root, so that only a real move shows as one.
    await readInputs([path], command.limits, stdin, {
      document: d => audit.document({ ...d, file: underRoot(path, d.file) }),
      error: e => audit.error(e),
    });
    const result = audit.result() as AuditWithAccess;
    errors.push(...result.errors.map(e => ({ side, ...e })));
    sides.push(result);
  }
  const diff = withRoots(diffAudits(sides[0], sides[1]), command.old, command.new);
  const report = command.format === 'json' ? formatDiffJson(diff, errors)
    : command.format === 'markdown' ? formatDiffMarkdown(diff, errors)
      : formatDiffTable(diff, errors);
  const exitCode = errors.length ? 2 : command.failOnAdded && hasAdditions(diff) ? 1 : 0;
  return { report, exitCode };
}

/** A file's name under the root it was found in: `''` for the root itself; standard input's names as they are. */
function underRoot(root: string, file: string): string {
  return root === '-' ? file : relative(root, file);
}

/**
 * The files of the diff named again as the reader named them (`OLD/dir/file.yaml`), each object on
 * both sides saying whether it moved (its names under the roots differ).
 */
function withRoots(diff: AuditDiff, oldRoot: string, newRoot: string): AuditDiff {
  const named = (root: string, file: string | undefined) => (file === undefined || root === '-' ? file : file === '' ? root : join(root, file));
  return {
    ...diff,
    objects: diff.objects.map(o => ({
      ...o,
      oldFile: named(oldRoot, o.oldFile),
      newFile: named(newRoot, o.newFile),
      ...(o.status === 'changed' ? { moved: o.oldFile !== o.newFile } : {}),
    })),
  };
}
