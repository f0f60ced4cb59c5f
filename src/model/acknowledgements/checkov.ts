import { Privilege } from '../grant';
import { normaliseHostPath } from '../host-path';
import { GrantContext, ReasonsByCheck, reasonOf, Scanner } from './api';

/**
 * Checkov reads `checkov.io/skip<N>: <CHECK_ID>=<reason>` on the object's top-level metadata
 * and shows the reason as the suppression comment. It splits the value on "=", so reasons
 * must not contain one.
 */
export const checkov: Scanner = {
  name: 'Checkov',
  acknowledge({ grants }: GrantContext) {
    const checks = new ReasonsByCheck();
    for (const g of grants) {
      const reason = reasonOf(g);
      switch (g.privilege) {
        case Privilege.PRIVILEGED:
          checks.add('CKV_K8S_16', reason);
          checks.add('CKV_K8S_20', reason);
          checks.add('CKV_K8S_23', reason);
          break;
        case Privilege.CAPABILITY:
          checks.add('CKV_K8S_25', reason);
          if (g.capability === 'SYS_ADMIN') { checks.add('CKV_K8S_39', reason); checks.add('CKV_K8S_20', reason); }
          checks.add('CKV_K8S_23', reason);
          break;
        case Privilege.HOST_NETWORK: checks.add('CKV_K8S_19', reason); break;
        case Privilege.HOST_PID: checks.add('CKV_K8S_17', reason); break;
        case Privilege.HOST_IPC: checks.add('CKV_K8S_18', reason); break;
        case Privilege.HOST_PATH:
          if (normaliseHostPath(g.path!).endsWith('docker.sock')) checks.add('CKV_K8S_27', reason);
          break;
        case Privilege.HOST_PORT: checks.add('CKV_K8S_26', reason); break;
        case Privilege.RUN_AS_ROOT:
          checks.add('CKV_K8S_23', reason);
          checks.add('CKV_K8S_40', reason);
          break;
        case Privilege.WRITABLE_ROOT_FILESYSTEM: checks.add('CKV_K8S_22', reason); break;
        default: break;
      }
    }
    return {
      annotations: Object.fromEntries(checks.entries().map(([check, reasons], i) => [`checkov.io/skip${i + 1}`, `${check}=${reasons.replace(/=/g, ':')}`])),
      podLabels: {},
    };
  },
};
