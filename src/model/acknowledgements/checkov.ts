import { Grant, Privilege } from '../grant';
import { normaliseHostPath } from '../host-path';
import { checksOfGrants, GRANTED_NOTE, GrantContext, ScannerFormat } from './api';
import { Scanner } from './scanner';

/** The Checkov checks a grant makes fire. */
function checksOf(g: Grant): string[] {
  switch (g.privilege) {
    case Privilege.PRIVILEGED: return ['CKV_K8S_16', 'CKV_K8S_20', 'CKV_K8S_23'];
    case Privilege.CAPABILITY: return ['CKV_K8S_25', ...(g.capability === 'SYS_ADMIN' ? ['CKV_K8S_39', 'CKV_K8S_20'] : []), 'CKV_K8S_23'];
    case Privilege.HOST_NETWORK: return ['CKV_K8S_19'];
    case Privilege.HOST_PID: return ['CKV_K8S_17'];
    case Privilege.HOST_IPC: return ['CKV_K8S_18'];
    case Privilege.HOST_PATH: return normaliseHostPath(g.path!).endsWith('docker.sock') ? ['CKV_K8S_27'] : [];
    case Privilege.HOST_PORT: return ['CKV_K8S_26'];
    case Privilege.RUN_AS_ROOT: return ['CKV_K8S_23', 'CKV_K8S_40'];
    case Privilege.WRITABLE_ROOT_FILESYSTEM: return ['CKV_K8S_22'];
    default: return [];
  }
}

/**
 * Checkov reads `checkov.io/skip<N>: <CHECK_ID>=<comment>` on the object's top-level metadata
 * and shows the comment as the suppression's. It splits the value on "=", so the comment (a
 * pointer to the grants annotation, where the reasons are) contains none.
 */
export const checkov: ScannerFormat = {
  scanner: Scanner.CHECKOV,
  acknowledge({ grants }: GrantContext) {
    // checkov reads any `checkov.io/skip<N>`: N is the check's own number, so that each key is
    // the same whichever other checks are skipped.
    return {
      annotations: Object.fromEntries(checksOfGrants(grants, checksOf).map(check => [`checkov.io/skip${/\d+$/.exec(check)![0]}`, `${check}=${GRANTED_NOTE}`])),
      podLabels: {},
    };
  },
};
