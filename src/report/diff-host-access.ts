import { Privilege } from '../model/grant';
import { grantKind } from '../model/grant-kinds';
import { heldAccessOf as heldByPod } from '../model/held-access';
import { KubeObject } from '../model/pod-template';

/**
 * One piece of host access an object holds, as the privilege diff compares it: what, for which
 * container (none for the pod), on what, and for host paths whether writable.
 */
export interface HeldAccess {
  /** The container; undefined for the pod (host namespaces, a hostPath volume no container mounts). */
  readonly container?: string;
  /** As the grants name them (`privileged`, `capability`, `hostPath`, ...), or a hardened default removed (`capabilitiesKept`, `privilegeEscalation`). */
  readonly privilege: string;
  /** The capability, host path, `port/protocol` or SELinux type. */
  readonly target?: string;
  /** For host paths: mounted read-write. */
  readonly writable?: boolean;
}

/** The host access a rendered object holds: the model's derivation (the same `audit` and synth use), keyed for comparing. */
export function heldAccessOf(obj: KubeObject): HeldAccess[] {
  return heldByPod(obj).map(h => {
    if (h.kind === Privilege.HOST_PATH) return { container: h.container, privilege: h.kind, target: h.path, writable: h.writable };
    const target = grantKind(h.kind)?.target({ ...h, privilege: h.kind as Privilege });
    return { container: h.container, privilege: h.kind, ...(target === undefined ? {} : { target }) };
  });
}
