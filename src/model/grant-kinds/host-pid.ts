import { Privilege } from '../grant';
import { GrantKind } from './api';
import { hostNamespace } from './host-namespace';

/** The node's process namespace: every process of the node is visible. */
export const kind: GrantKind = hostNamespace({
  privilege: Privilege.HOST_PID,
  field: 'hostPID',
  prop: 'hostPid: { reason }',
  scanners: {
    kubeLinter: () => ['host-pid'],
    polaris: () => ['hostPIDSet'],
    checkov: () => ['CKV_K8S_17'],
    kubeaudit: () => ['allow-namespace-host-PID'],
  },
});
