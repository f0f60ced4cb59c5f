import { Privilege } from '../grant';
import { normaliseHostPath } from '../host-path';
import { GrantContext, ReasonsByCheck, reasonOf, Scanner } from './api';

/** Paths kube-linter's `sensitive-host-mounts` matches exactly (its regexes are anchored). */
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];

/**
 * kube-linter reads `ignore-check.kube-linter.io/<check>: <reason>` on the object's metadata
 * (not the pod template's). The value is free text; kube-linter only checks the key.
 */
export const kubeLinter: Scanner = {
  name: 'kube-linter',
  acknowledge({ grants }: GrantContext) {
    const checks = new ReasonsByCheck();
    for (const g of grants) {
      const reason = reasonOf(g);
      switch (g.privilege) {
        case Privilege.PRIVILEGED:
          checks.add('privileged-container', reason);
          checks.add('privilege-escalation-container', reason);
          checks.add('run-as-non-root', reason);
          break;
        case Privilege.CAPABILITY:
          if (g.capability === 'NET_RAW') checks.add('drop-net-raw-capability', reason);
          if (g.capability === 'SYS_ADMIN') checks.add('privilege-escalation-container', reason);
          checks.add('run-as-non-root', reason);
          break;
        case Privilege.HOST_NETWORK: checks.add('host-network', reason); break;
        case Privilege.HOST_PID: checks.add('host-pid', reason); break;
        case Privilege.HOST_IPC: checks.add('host-ipc', reason); break;
        case Privilege.HOST_PATH: {
          const path = normaliseHostPath(g.path!);
          if (SENSITIVE.includes(path)) checks.add('sensitive-host-mounts', reason);
          if (path.endsWith('docker.sock')) checks.add('docker-sock', reason);
          if (g.writable) checks.add('writable-host-mount', reason);
          break;
        }
        case Privilege.RUN_AS_ROOT: checks.add('run-as-non-root', reason); break;
        case Privilege.WRITABLE_ROOT_FILESYSTEM: checks.add('no-read-only-root-fs', reason); break;
        default: break;
      }
    }
    return {
      annotations: Object.fromEntries(checks.entries().map(([check, reasons]) => [`ignore-check.kube-linter.io/${check}`, reasons])),
      podLabels: {},
    };
  },
};
