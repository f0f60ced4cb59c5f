import { Grant, Privilege } from '../grant';
import { normaliseHostPath } from '../host-path';
import { checksOfGrants, GRANTED_NOTE, GrantContext, ScannerFormat } from './api';
import { Scanner } from './scanner';

/** Paths kube-linter's `sensitive-host-mounts` matches exactly (its regexes are anchored). */
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];

/** The kube-linter checks a grant makes fire. */
function checksOf(g: Grant): string[] {
  switch (g.privilege) {
    case Privilege.PRIVILEGED: return ['privileged-container', 'privilege-escalation-container', 'run-as-non-root'];
    case Privilege.CAPABILITY: return [
      ...(g.capability === 'NET_RAW' ? ['drop-net-raw-capability'] : []),
      ...(g.capability === 'SYS_ADMIN' ? ['privilege-escalation-container'] : []),
      'run-as-non-root',
    ];
    case Privilege.HOST_NETWORK: return ['host-network'];
    case Privilege.HOST_PID: return ['host-pid'];
    case Privilege.HOST_IPC: return ['host-ipc'];
    case Privilege.HOST_PATH: {
      const path = normaliseHostPath(g.path!);
      return [
        ...(SENSITIVE.includes(path) ? ['sensitive-host-mounts'] : []),
        ...(path.endsWith('docker.sock') ? ['docker-sock'] : []),
        ...(g.writable ? ['writable-host-mount'] : []),
      ];
    }
    case Privilege.RUN_AS_ROOT: return ['run-as-non-root'];
    case Privilege.WRITABLE_ROOT_FILESYSTEM: return ['no-read-only-root-fs'];
    default: return [];
  }
}

/**
 * kube-linter reads `ignore-check.kube-linter.io/<check>: <comment>` on the object's metadata
 * (not the pod template's). The value is free text; kube-linter only checks the key.
 */
export const kubeLinter: ScannerFormat = {
  scanner: Scanner.KUBE_LINTER,
  acknowledge({ grants }: GrantContext) {
    return {
      annotations: Object.fromEntries(checksOfGrants(grants, checksOf).map(check => [`ignore-check.kube-linter.io/${check}`, GRANTED_NOTE])),
      podLabels: {},
    };
  },
};
