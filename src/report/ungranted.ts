import { Privilege } from '../model/grant';
import { grantKind } from '../model/grant-kinds';
import { recordMismatch } from '../model/grant-record';
import { HeldAccess, heldAccessOf } from '../model/held-access';
import { KubeObject } from '../model/pod-template';

/** One piece of host access held without a grant that allows it (the JSON contract, see README). */
export interface UngrantedAccess {
  /** As the grants name it (`capability`, `hostPath`...), or `capabilitiesKept`, `privilegeEscalation`. */
  readonly privilege: string;
  /** The container; absent for the pod (host namespaces). */
  readonly container?: string;
  /** The capability, host path, `port/protocol` or profile. */
  readonly target?: string;
  /** For host paths: mounted read-write. */
  readonly writable?: boolean;
  /** The field that holds it. */
  readonly path: string;
}

/**
 * What `--fail-on ungranted` fails on. For an object carrying the grants annotation, its record's
 * mismatch with the pod: access no grant allows, and grants the pod does not hold. For any other
 * object, every piece of host access it holds: nothing of it was recorded.
 */
export function ungrantedAccessOf(obj: KubeObject): { ungranted: UngrantedAccess[]; absentGrants: Array<Record<string, unknown>> } {
  const mismatch = recordMismatch(obj);
  const held = mismatch ? mismatch.ungranted : heldAccessOf(obj);
  return {
    ungranted: held.map(describe),
    absentGrants: (mismatch?.absent ?? []).map(g => ({ ...g })),
  };
}

function describe(h: HeldAccess): UngrantedAccess {
  // Fields added one by one in the contract's order (privilege, container, target, writable,
  // path), without spreads: every held piece of every unrecorded object passes here.
  const out: { -readonly [K in keyof UngrantedAccess]: UngrantedAccess[K] } = { privilege: h.kind } as UngrantedAccess;
  if (h.container !== undefined) out.container = h.container;
  if (h.kind === Privilege.HOST_PATH) {
    out.target = h.path;
    out.writable = !!h.writable;
  } else {
    // A kind that is not targeted names nothing (its target is undefined): no grant to build.
    const kind = grantKind(h.kind);
    const target = kind?.targeted ? kind.target({ ...h, privilege: h.kind as Privilege }) : undefined;
    if (target !== undefined) out.target = target;
  }
  out.path = h.field;
  return out;
}
