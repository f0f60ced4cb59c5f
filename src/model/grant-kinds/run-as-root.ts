import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/**
 * A container allowed to run as user 0: `runAsNonRoot` is left unset, so the image's user
 * decides. It does not set `runAsUser: 0`.
 */
export const kind: GrantKind = {
  privilege: Privilege.RUN_AS_ROOT,
  scope: 'container',
  targeted: false,
  identity: () => '',
  target: () => undefined,
  describe: () => 'runAsRoot',
  held({ container, podContext }) {
    if (!container) return [];
    const sc = container.securityContext;
    const nonRoot = sc.runAsNonRoot ?? podContext.runAsNonRoot;
    const user = sc.runAsUser ?? podContext.runAsUser;
    if (nonRoot === true || (user !== undefined && user !== 0)) return [];
    return [{ kind: Privilege.RUN_AS_ROOT, container: container.name, field: `${container.path}.securityContext.${user === 0 ? 'runAsUser' : 'runAsNonRoot'}`, value: user ?? nonRoot }];
  },
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.RUN_AS_ROOT,
  howToGrant: () => 'grant it with grantRunAsRoot({ reason }), or run as a non-root user',
  securityContext(_grant, context) {
    delete context.runAsNonRoot;
  },
  podSecurityChecks: ['runAsNonRoot', 'runAsUser'],
  scanners: {
    kubeLinter: () => ['run-as-non-root'],
    polaris: () => ['runAsRootAllowed'],
    checkov: () => ['CKV_K8S_23', 'CKV_K8S_40'],
    kubeaudit: () => ['allow-run-as-root'],
  },
};
