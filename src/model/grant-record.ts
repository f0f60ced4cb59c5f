import { Grant } from './grant';
import { decodeGrants } from './grants-annotation';
import { grantAllows, grantHeld, HeldAccess, heldAccessOf } from './held-access';
import { KubeObject } from './pod-template';

/** Where the grants annotation of a record disagrees with what the pod holds. */
export interface RecordMismatch {
  /** Host access held with no grant that allows it. */
  readonly ungranted: readonly HeldAccess[];
  /** Grants whose access the pod does not hold. */
  readonly absent: readonly Grant[];
}

const mismatches = new WeakMap<object, RecordMismatch | undefined>();

/**
 * Compares an object's grants annotation with the host access its pod template holds; undefined
 * for an object without the annotation (not written by this library). Several rules ask, so the
 * answer is kept per object.
 */
export function recordMismatch(obj: KubeObject): RecordMismatch | undefined {
  if (mismatches.has(obj)) return mismatches.get(obj);
  const grants = decodeGrants(obj.metadata);
  let result: RecordMismatch | undefined;
  if (grants) {
    const held = heldAccessOf(obj);
    result = {
      ungranted: held.filter(h => !grants.some(g => grantAllows(g, h))),
      absent: grants.filter(g => !grantHeld(g, held)),
    };
  }
  mismatches.set(obj, result);
  return result;
}

/**
 * The grants of an object's annotation when they match what the pod holds exactly, and nothing
 * otherwise: a record that claims more or less than the pod holds lowers no finding's severity.
 */
export function trustedGrants(obj: KubeObject): Grant[] {
  const mismatch = recordMismatch(obj);
  if (!mismatch || mismatch.ungranted.length || mismatch.absent.length) return [];
  return decodeGrants(obj.metadata) ?? [];
}
