import { Privilege } from '../../model/grant';
import { trustedGrants } from '../../model/grant-record';
import { normaliseHostPath } from '../../model/host-path';
import { Severity } from '../finding';
import { Violation } from '../rule';

/**
 * A finding about a host path that this library's grants annotation grants is reported as
 * `info`, with the grant's reason: acknowledged, not hidden. Only a record that matches what the
 * pod holds is trusted: a hand-written or stale annotation lowers nothing.
 */
export function acknowledgeHostPath(obj: any, violation: Violation, hostPath: string, container?: string, writable?: boolean): Violation {
  const path = normaliseHostPath(hostPath);
  const grant = trustedGrants(obj).find(g => g.privilege === Privilege.HOST_PATH && g.path === path
    && (container === undefined || g.container === container) && (writable === undefined || !!g.writable === writable));
  if (!grant) return violation;
  return { ...violation, severity: Severity.INFO, message: `${violation.message}; granted: ${grant.reason ?? 'no reason given'}` };
}
