import { Privilege } from '../grant';
import { hostNamespace } from './host-namespace';

/** The node's IPC namespace. */
export const hostIpc = hostNamespace({
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
