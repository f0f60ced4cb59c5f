import { Privilege } from '../../model/grant';
import { decodeGrants } from '../../model/grants-annotation';
import { normaliseHostPath } from '../../model/host-path';
import { Severity } from '../finding';
import { Violation } from '../rule';

/**
 * A finding about a host path that this library's grants annotation grants is reported as
 * `info`, with the grant's reason: acknowledged, not hidden.
 */
export function acknowledgeHostPath(obj: any, violation: Violation, hostPath: string, container?: string, writable?: boolean): Violation {
  const path = normaliseHostPath(hostPath);
  const grant = (decodeGrants(obj.metadata) ?? []).find(g => g.privilege === Privilege.HOST_PATH && g.path === path
    && (container === undefined || g.container === container) && (writable === undefined || !!g.writable === writable));
  if (!grant) return violation;
  return { ...violation, severity: Severity.INFO, message: `${violation.message}; granted: ${grant.reason ?? 'no reason given'}` };
}
