import { Privilege } from '../grant';
import { GrantKind } from './api';
import { hostNamespace } from './host-namespace';

/** The node's IPC namespace. */
export const kind: GrantKind = hostNamespace({
  privilege: Privilege.HOST_IPC,
  field: 'hostIPC',
  prop: 'hostIpc: { reason }',
  scanners: {
    kubeLinter: () => ['host-ipc'],
    polaris: () => ['hostIPCSet'],
    checkov: () => ['CKV_K8S_18'],
    kubeaudit: () => ['allow-namespace-host-IPC'],
  },
});
