import { Privilege } from '../../model/grant';
import { describeGrant } from '../../model/grant-kinds';
import { recordMismatch } from '../../model/grant-record';
import { GRANTS_ANNOTATION } from '../../model/grants-annotation';
import { HeldAccess, howToGrant } from '../../model/held-access';
import { Severity } from '../finding';
import { ManifestRule, show, Violation } from '../rule';

/**
 * The library's promise: every piece of host access an object's pods hold is a recorded grant,
 * and every recorded grant is held. Checked on the rendered object (after JSON patches) for every
 * object that carries the grants annotation, at synth and in `audit` alike: a record that does
 * not match its pod is an error, whoever wrote it.
 */
export const ungrantedHostAccess: ManifestRule = {
  id: 'ungranted-host-access',
  description: 'an object carrying the grants annotation holds host access (privileged, capabilities, capabilities not dropped, privilege escalation, host namespaces, host ports, any hostPath volume, root, writable root filesystem, relaxed seccomp/AppArmor/SELinux) that no recorded grant allows, or records a grant its pod does not hold',
  severity: Severity.ERROR,
  source: `the ${GRANTS_ANNOTATION} annotation (README, "every privilege a grant"); held access derived by model/held-access.ts`,
  kinds: ['*'],
  check(obj) {
    const mismatch = recordMismatch(obj);
    if (!mismatch) return [];
    const out: Violation[] = mismatch.ungranted.map(h => ({
      path: h.field,
      message: `${describeHeld(h)}${h.value === undefined ? '' : ` (${show(h.value)})`} is held without a grant; ${howToGrant(h)}`,
    }));
    for (const g of mismatch.absent) {
      out.push({
        path: `metadata.annotations["${GRANTS_ANNOTATION}"]`,
        message: `the grants record ${describeGrant(g)}${g.container ? ` for container "${g.container}"` : ''}, which the pod does not hold; the record must match the pod exactly`,
      });
    }
    return out;
  },
};

function describeHeld(h: HeldAccess): string {
  const where = h.container === undefined ? '' : ` in container "${h.container}"`;
  switch (h.kind) {
    case 'capabilitiesKept': return `capabilities not dropped${where}`;
    case 'privilegeEscalation': return `privilege escalation allowed${where}`;
    case Privilege.HOST_PATH:
      return h.container === undefined
        ? `hostPath volume ${h.path}, mounted by no container (an ephemeral debug container could still mount it read-write)`
        : `hostPath ${h.path} (${h.writable ? 'read-write' : 'read-only'})${where}`;
    default: return `${describeGrant({ ...h, privilege: h.kind })}${where}`;
  }
}
