import { Scanner } from './scanner';
import { Grant } from '../grant';
import { grantKind } from '../grant-kinds';
import { ScannerChecks } from '../grant-kinds/api';
import { GRANTS_ANNOTATION } from '../grants-annotation';

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

/**
 * What an acknowledgement says: that the finding was granted, and where the reason is. Reasons are
 * stored once, in the grants annotation; copying them into every scanner's keys would multiply
 * the object's annotations (the API server limits them to 256 KiB together).
 */
export const GRANTED_NOTE = `granted; reasons in ${GRANTS_ANNOTATION}`;

/** The checks of one scanner a set of grants makes fire, each once, in the order first seen. */
export function scannerChecks(grants: readonly Grant[], scanner: Exclude<keyof ScannerChecks, 'kubeaudit'>): string[] {
  return [...new Set(grants.flatMap(g => grantKind(g.privilege)?.scanners[scanner](g) ?? []))];
}
