import { Scanner } from './scanner';
import { Grant } from '../grant';

/** The annotations and pod-template labels that tell one scanner a finding was granted. */
export interface Acknowledgements {
  /** Annotations on the object's own metadata. */
  readonly annotations: Record<string, string>;
  /** Labels on the pod template. */
  readonly podLabels: Record<string, string>;
}

/** What a scanner's acknowledgements are computed from. */
export interface GrantContext {
  readonly grants: readonly Grant[];
  /** The rendered pod spec (Kubernetes field names), to find volume names. */
  readonly podSpec: any;
}

/** How one scanner's findings are acknowledged: the format it reads. */
export interface ScannerFormat {
  readonly scanner: Scanner;
  acknowledge(context: GrantContext): Acknowledgements;
}

/** A grant's reason, or a stand-in that says none was given. */
export function reasonOf(grant: Grant): string {
  return grant.reason ?? 'granted without a reason';
}

/** Collects reasons per check id, in the order first seen, joined with "; ". */
export class ReasonsByCheck {
  private readonly reasons = new Map<string, string[]>();

  public add(check: string, reason: string): void {
    const list = this.reasons.get(check) ?? [];
    if (!list.includes(reason)) list.push(reason);
    this.reasons.set(check, list);
  }

  public entries(): Array<[string, string]> {
    return [...this.reasons.entries()].map(([check, reasons]) => [check, reasons.join('; ')]);
  }
}

/** What a scanner reports for one grant: the ids of the checks the grant makes fire. */
export type ChecksOfGrant = (grant: Grant) => string[];

/** The checks a set of grants makes fire, with the reasons of the grants behind each. */
export function reasonsByCheck(grants: readonly Grant[], checksOf: ChecksOfGrant): ReasonsByCheck {
  const checks = new ReasonsByCheck();
  for (const grant of grants) {
    for (const check of checksOf(grant)) checks.add(check, reasonOf(grant));
  }
  return checks;
}
