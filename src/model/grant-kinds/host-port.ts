import { Privilege } from '../grant';
import { GrantKind, sameContainer } from './api';

/** A port bound on the node's addresses. */
export const kind: GrantKind = {
  privilege: Privilege.HOST_PORT,
  scope: 'container',
  targeted: true,
  identity: grant => `${grant.port}/${grant.protocol ?? 'TCP'}`,
  target: grant => `${grant.port}/${grant.protocol ?? 'TCP'}`,
  describe: grant => `hostPort ${grant.port}/${grant.protocol ?? 'TCP'}`,
  held({ container }) {
    const ports = container?.container.ports;
    return (Array.isArray(ports) ? ports : []).flatMap((p: any, i: number) => typeof p?.hostPort === 'number' && p.hostPort > 0
      ? [{ kind: Privilege.HOST_PORT, container: container!.name, port: p.hostPort, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP', field: `${container!.path}.ports[${i}].hostPort`, value: p.hostPort }]
      : []);
  },
  allows: (grant, held) => sameContainer(grant, held) && held.kind === Privilege.HOST_PORT
    && held.port === grant.port && held.protocol === (grant.protocol ?? 'TCP'),
  howToGrant: held => `grant it with grantHostPort(${held.port}, { protocol: Protocol.${held.protocol}, reason })`,
  podSecurityChecks: ['hostPorts'],
  scanners: {
    kubeLinter: () => [],
    polaris: () => ['hostPortSet'],
    checkov: () => ['CKV_K8S_26'],
    kubeaudit: () => [],
  },
};
