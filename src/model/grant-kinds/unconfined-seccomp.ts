import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/**
 * A container without a seccomp filter. No profile at all, on the container or the pod or by the
 * older annotations, means Unconfined on a kubelet without `--seccomp-default`.
 */
export const kind: GrantKind = {
  privilege: Privilege.UNCONFINED_SECCOMP,
  scope: 'container',
  targeted: false,
  identity: () => '',
  target: () => undefined,
  describe: () => 'unconfined seccomp',
  held({ container, podContext, annotations }) {
    if (!container || container.securityContext.privileged === true) return [];
    const annotation = annotations[`container.seccomp.security.alpha.kubernetes.io/${container.name}`] ?? annotations['seccomp.security.alpha.kubernetes.io/pod'];
    const type = container.securityContext.seccompProfile?.type ?? podContext.seccompProfile?.type;
    if (type !== 'Unconfined' && (type !== undefined || (annotation !== undefined && annotation !== 'unconfined'))) return [];
    return [{ kind: Privilege.UNCONFINED_SECCOMP, container: container.name, field: `${container.path}.securityContext.seccompProfile`, value: type ?? annotation }];
  },
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.UNCONFINED_SECCOMP,
  howToGrant: () => 'grant it with grantUnconfinedSeccomp({ reason }), or set a RuntimeDefault or Localhost profile',
  securityContext(_grant, context) {
    context.seccompProfile = { type: 'Unconfined' };
  },
  podSecurityChecks: ['seccompProfile_baseline', 'seccompProfile_restricted'],
  scanners: { kubeLinter: () => [], polaris: () => [], checkov: () => [], kubeaudit: () => [] },
};
