import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

const annotation = (container: string) => `container.apparmor.security.beta.kubernetes.io/${container}`;

/**
 * A container without AppArmor confinement, for agents that mount filesystems or load eBPF
 * programs on AppArmor hosts. Written as the pod-template annotation: cdk8s-plus-28's types
 * predate the appArmorProfile field (1.30), and the annotation works on every version.
 */
export const kind: GrantKind = {
  privilege: Privilege.UNCONFINED_APP_ARMOR,
  scope: 'container',
  targeted: false,
  identity: () => '',
  target: () => undefined,
  describe: () => 'unconfined AppArmor',
  held({ container, podContext, annotations }) {
    if (!container || container.securityContext.privileged === true) return [];
    const type = container.securityContext.appArmorProfile?.type ?? podContext.appArmorProfile?.type;
    if (type === 'Unconfined') {
      return [{ kind: Privilege.UNCONFINED_APP_ARMOR, container: container.name, field: `${container.path}.securityContext.appArmorProfile`, value: type }];
    }
    const key = annotation(container.name);
    if (type !== undefined || annotations[key] !== 'unconfined') return [];
    return [{ kind: Privilege.UNCONFINED_APP_ARMOR, container: container.name, field: `metadata.annotations["${key}"]`, value: 'unconfined' }];
  },
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.UNCONFINED_APP_ARMOR,
  howToGrant: () => 'grant it with grantUnconfinedAppArmor({ reason })',
  pod(grant, pod) {
    pod.annotations[annotation(grant.container!)] = 'unconfined';
  },
  podSecurityChecks: ['appArmorProfile'],
  scanners: { kubeLinter: () => [], polaris: () => [], checkov: () => [], kubeaudit: () => [] },
};
