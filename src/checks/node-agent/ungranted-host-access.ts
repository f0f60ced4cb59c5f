import { describeGrant, Privilege } from '../../model/grant';
import { recordMismatch } from '../../model/grant-record';
import { GRANTS_ANNOTATION } from '../../model/grants-annotation';
import { HeldAccess } from '../../model/held-access';
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
  severity: Severity.ERROR,
  source: `the ${GRANTS_ANNOTATION} annotation (README, "every privilege a grant"); held access derived by model/held-access.ts`,
  kinds: ['*'],
  check(obj) {
    const mismatch = recordMismatch(obj);
    if (!mismatch) return [];
    const out: Violation[] = mismatch.ungranted.map(h => ({
      path: h.field,
      message: `${describeHeld(h)}${h.value === undefined ? '' : ` (${show(h.value)})`} is held without a grant; ${howToAllow(h)}`,
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

/** The grant method that would allow it, in the library's API. */
function howToAllow(h: HeldAccess): string {
  switch (h.kind) {
    case Privilege.PRIVILEGED: return 'grant it with grantPrivileged({ reason })';
    case Privilege.CAPABILITY: return `grant it with grantCapabilities([Capability.of('${h.capability}')], { reason })`;
    case Privilege.HOST_NETWORK: return 'grant it with the hostNetwork: { dns, reason } prop';
    case Privilege.HOST_PID: return 'grant it with the hostPid: { reason } prop';
    case Privilege.HOST_IPC: return 'grant it with the hostIpc: { reason } prop';
    case Privilege.HOST_PORT: return `grant it with grantHostPort(${h.port}, { protocol: Protocol.${h.protocol}, reason })`;
    case Privilege.RUN_AS_ROOT: return 'grant it with grantRunAsRoot({ reason }), or run as a non-root user';
    case Privilege.WRITABLE_ROOT_FILESYSTEM: return 'grant it with grantWritableRootFilesystem({ reason })';
    case Privilege.HOST_PATH:
      return h.container === undefined
        ? 'mount it with mountHostPath(HostPath.of(...), { reason }) or remove the volume'
        : `grant it with mountHostPath(HostPath.of('${h.path}'), { ${h.writable ? 'writable: true, ' : ''}reason })`;
    case Privilege.UNCONFINED: {
      const profile = h.profile ?? '';
      if (profile.startsWith('seLinuxType=')) return `grant it with grantSeLinuxType('${profile.slice('seLinuxType='.length)}', { reason })`;
      return profile.startsWith('appArmor=') ? 'grant it with grantUnconfinedAppArmor({ reason })' : 'grant it with grantUnconfinedSeccomp({ reason }), or set a RuntimeDefault or Localhost profile';
    }
    case 'capabilitiesKept': return 'drop ALL and add what the agent needs with grantCapabilities([...], { reason }) (only grantPrivileged() keeps every capability)';
    case 'privilegeEscalation': return 'set allowPrivilegeEscalation: false (only grantPrivileged() or grantCapabilities([Capability.SYS_ADMIN]) allow escalation)';
    default: return 'remove it';
  }
}
