import { Privilege } from '../grant';
import { GrantContext, ScannerFormat } from './api';
import { Scanner } from './scanner';

/** Capabilities Polaris' `dangerousCapabilities` flags when added. */
const DANGEROUS = ['ALL', 'SYS_ADMIN', 'NET_ADMIN'];

/**
 * Polaris reads `polaris.fairwinds.com/<check>-exempt: "true"` on the controller's metadata.
 * It keeps no reason: the reason stays in the grants annotation.
 */
export const polaris: ScannerFormat = {
  scanner: Scanner.POLARIS,
  acknowledge({ grants }: GrantContext) {
    const checks = new Set<string>();
    for (const g of grants) {
      switch (g.privilege) {
        case Privilege.PRIVILEGED:
          checks.add('runAsPrivileged');
          checks.add('privilegeEscalationAllowed');
          checks.add('runAsRootAllowed');
          break;
        case Privilege.CAPABILITY:
          if (DANGEROUS.includes(g.capability!)) checks.add('dangerousCapabilities');
          if (g.capability === 'SYS_ADMIN') checks.add('privilegeEscalationAllowed');
          checks.add('runAsRootAllowed');
          break;
        case Privilege.HOST_NETWORK: checks.add('hostNetworkSet'); break;
        case Privilege.HOST_PID: checks.add('hostPIDSet'); break;
        case Privilege.HOST_IPC: checks.add('hostIPCSet'); break;
        case Privilege.HOST_PATH: checks.add('hostPathSet'); break;
        case Privilege.HOST_PORT: checks.add('hostPortSet'); break;
        case Privilege.RUN_AS_ROOT: checks.add('runAsRootAllowed'); break;
        case Privilege.WRITABLE_ROOT_FILESYSTEM: checks.add('notReadOnlyRootFilesystem'); break;
        default: break;
      }
    }
    return {
      annotations: Object.fromEntries([...checks].map(check => [`polaris.fairwinds.com/${check}-exempt`, 'true'])),
      podLabels: {},
    };
  },
};
