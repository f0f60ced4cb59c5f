import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/**
 * A privileged container: every capability and device of the node, no seccomp or AppArmor
 * confinement, privilege escalation, root unless told otherwise. It subsumes the grants it
 * implies, so it allows what they would.
 */
export const kind: GrantKind = {
  privilege: Privilege.PRIVILEGED,
  scope: 'container',
  targeted: false,
  identity: () => '',
  target: () => undefined,
  describe: () => 'privileged',
  held({ container }) {
    if (container?.securityContext.privileged !== true) return [];
    return [{ kind: Privilege.PRIVILEGED, container: container.name, field: `${container.path}.securityContext.privileged`, value: true }];
  },
  allows: (grant, held) => sameContainer(grant, held) && SUBSUMED.includes(held.kind),
  howToGrant: () => 'grant it with grantPrivileged({ reason })',
  // No allowPrivilegeEscalation: false (the API server rejects the pair), and no capabilities or
  // seccomp profile: they change nothing on a privileged container and suggest a confinement
  // that is not there.
  securityContext(_grant, context) {
    context.privileged = true;
    delete context.allowPrivilegeEscalation;
    delete context.capabilities;
    delete context.seccompProfile;
    delete context.runAsNonRoot;
  },
  podSecurityChecks: ['privileged', 'capabilities_restricted', 'allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_restricted', 'seccompProfile_baseline'],
  scanners: {
    kubeLinter: () => ['privileged-container', 'privilege-escalation-container', 'run-as-non-root'],
    polaris: () => ['runAsPrivileged', 'privilegeEscalationAllowed', 'runAsRootAllowed'],
    checkov: () => ['CKV_K8S_16', 'CKV_K8S_20', 'CKV_K8S_23'],
    kubeaudit: () => ['allow-privileged', 'allow-privilege-escalation', 'allow-run-as-root'],
  },
};

const SUBSUMED: readonly string[] = [
  Privilege.PRIVILEGED, Privilege.CAPABILITY, 'capabilitiesKept', 'privilegeEscalation', Privilege.RUN_AS_ROOT,
  Privilege.UNCONFINED_SECCOMP, Privilege.UNCONFINED_APP_ARMOR,
];
