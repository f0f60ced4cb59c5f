import { Privilege } from '../grant';
import { GrantKind } from './api';
import { hostNamespace } from './host-namespace';

/** The node's network namespace. */
export const kind: GrantKind = hostNamespace({
  privilege: Privilege.HOST_NETWORK,
  field: 'hostNetwork',
  prop: 'hostNetwork: { dns, reason }',
  scanners: {
    kubeLinter: () => ['host-network'],
    polaris: () => ['hostNetworkSet'],
    checkov: () => ['CKV_K8S_19'],
    kubeaudit: () => ['allow-namespace-host-network'],
  },
});
