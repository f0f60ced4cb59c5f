import { Privilege } from '../grant';
import { GrantKind, PodDraft } from './api';

/** The shape shared by the three host namespaces: a pod-level boolean field. */
export function hostNamespace(options: {
  readonly privilege: Privilege.HOST_NETWORK | Privilege.HOST_PID | Privilege.HOST_IPC;
  readonly field: keyof PodDraft['spec'];
  readonly prop: string;
  readonly scanners: GrantKind['scanners'];
}): GrantKind {
  const { privilege, field, prop } = options;
  return {
    privilege,
    scope: 'pod',
    targeted: false,
    identity: () => '',
    target: () => undefined,
    describe: () => privilege,
    held({ spec, specPath, container }) {
      if (container || spec[field] !== true) return [];
      return [{ kind: privilege, field: `${specPath}.${field}`, value: true }];
    },
    allows: (grant, held) => held.kind === privilege && held.container === undefined && grant.container === undefined,
    howToGrant: () => `grant it with the ${prop} prop`,
    pod(_grant, pod) {
      pod.spec[field] = true;
    },
    podSecurityChecks: ['hostNamespaces'],
    scanners: options.scanners,
  };
}
