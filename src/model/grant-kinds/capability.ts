import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/** One Linux capability added to a container; every other is dropped. Capabilities need root to act. */
export const kind: GrantKind = {
  privilege: Privilege.CAPABILITY,
  scope: 'container',
  targeted: true,
  identity: grant => grant.capability ?? '',
  target: grant => grant.capability,
  describe: grant => `capability ${grant.capability}`,
  held({ container }) {
    if (!container || container.securityContext.privileged === true) return [];
    const add = container.securityContext.capabilities?.add;
    return (Array.isArray(add) ? add : []).filter((c): c is string => typeof c === 'string').map(name => ({
      kind: Privilege.CAPABILITY,
      container: container.name,
      capability: capabilityName(name),
      field: `${container.path}.securityContext.capabilities.add`,
      value: name,
    }));
  },
  allows(grant, held) {
    if (!sameContainer(grant, held)) return false;
    if (held.kind === Privilege.CAPABILITY) return held.capability === grant.capability;
    // Capabilities act only for root (no ambient capabilities), and SYS_ADMIN makes
    // `allowPrivilegeEscalation: false` meaningless.
    return held.kind === Privilege.RUN_AS_ROOT || (held.kind === 'privilegeEscalation' && grant.capability === 'SYS_ADMIN');
  },
  howToGrant: held => `grant it with grantCapabilities([Capability.of('${held.capability}')], { reason })`,
  securityContext(grant, context) {
    context.capabilities = { ...context.capabilities, add: [...context.capabilities?.add ?? [], grant.capability!] };
    delete context.runAsNonRoot;
    if (grant.capability === 'SYS_ADMIN') delete context.allowPrivilegeEscalation;
  },
  podSecurityChecks: ['capabilities_baseline', 'capabilities_restricted', 'allowPrivilegeEscalation', 'runAsNonRoot'],
  scanners: {
    kubeLinter: grant => [
      ...(grant.capability === 'NET_RAW' ? ['drop-net-raw-capability'] : []),
      ...(grant.capability === 'SYS_ADMIN' ? ['privilege-escalation-container'] : []),
      'run-as-non-root',
    ],
    polaris: grant => [
      ...(['ALL', 'SYS_ADMIN', 'NET_ADMIN'].includes(grant.capability!) ? ['dangerousCapabilities'] : []),
      ...(grant.capability === 'SYS_ADMIN' ? ['privilegeEscalationAllowed'] : []),
      'runAsRootAllowed',
    ],
    checkov: grant => ['CKV_K8S_25', ...(grant.capability === 'SYS_ADMIN' ? ['CKV_K8S_39', 'CKV_K8S_20'] : []), 'CKV_K8S_23'],
    kubeaudit: grant => [`allow-capability-${grant.capability!.toLowerCase().replace(/_/g, '-')}`, 'allow-run-as-root'],
  },
};

/** A capability as the grants record it: upper case, without `CAP_`. */
export function capabilityName(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
