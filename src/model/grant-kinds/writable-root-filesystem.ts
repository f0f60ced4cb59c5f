import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/** A container whose root filesystem is writable. */
export const kind: GrantKind = {
  privilege: Privilege.WRITABLE_ROOT_FILESYSTEM,
  scope: 'container',
  targeted: false,
  identity: () => '',
  target: () => undefined,
  describe: () => 'writableRootFilesystem',
  held({ container }) {
    if (!container || container.securityContext.readOnlyRootFilesystem === true) return [];
    return [{ kind: Privilege.WRITABLE_ROOT_FILESYSTEM, container: container.name, field: `${container.path}.securityContext.readOnlyRootFilesystem`, value: container.securityContext.readOnlyRootFilesystem }];
  },
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.WRITABLE_ROOT_FILESYSTEM,
  howToGrant: () => 'grant it with grantWritableRootFilesystem({ reason })',
  securityContext(_grant, context) {
    context.readOnlyRootFilesystem = false;
  },
  podSecurityChecks: [],
  scanners: {
    kubeLinter: () => ['no-read-only-root-fs'],
    polaris: () => ['notReadOnlyRootFilesystem'],
    checkov: () => ['CKV_K8S_22'],
    kubeaudit: () => ['allow-read-only-root-filesystem-false'],
  },
};
