import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/** A container with an SELinux type other than the container types, such as `spc_t`, at level `s0`. */
export const kind: GrantKind = {
  privilege: Privilege.SE_LINUX_TYPE,
  scope: 'container',
  targeted: true,
  identity: grant => grant.seLinuxType ?? '',
  target: grant => grant.seLinuxType,
  describe: grant => `SELinux type ${grant.seLinuxType}`,
  held({ container, podContext }) {
    if (!container) return [];
    const type = container.securityContext.seLinuxOptions?.type ?? podContext.seLinuxOptions?.type;
    if (typeof type !== 'string' || type === '') return [];
    return [{ kind: Privilege.SE_LINUX_TYPE, container: container.name, seLinuxType: type, field: `${container.path}.securityContext.seLinuxOptions.type`, value: type }];
  },
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.SE_LINUX_TYPE && held.seLinuxType === grant.seLinuxType,
  howToGrant: held => `grant it with grantSeLinuxType('${held.seLinuxType}', { reason })`,
  securityContext(grant, context) {
    context.seLinuxOptions = { type: grant.seLinuxType!, level: 's0' };
  },
  podSecurityChecks: ['seLinuxOptions'],
  scanners: { kubeLinter: () => [], polaris: () => [], checkov: () => [], kubeaudit: () => [] },
};
