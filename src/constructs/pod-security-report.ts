import { PodSecurityLevel } from '../checks/pod-security/api';
import { Grant } from '../model/grant';

/**
 * One reason a pod template needs a less restrictive Pod Security level, traced to grants.
 */
export interface PodSecurityViolationReport {
  /** The Pod Security check, as Kubernetes names it (e.g. `hostNamespaces`). */
  readonly check: string;
  /** The level the check belongs to. */
  readonly level: PodSecurityLevel;
  /** What Pod Security admission would say. */
  readonly message: string;
  /** The offending fields, relative to the pod template. */
  readonly paths: string[];
  /** The grants that caused it. */
  readonly grants: Grant[];
}

/**
 * The Pod Security level an agent's pods need, and why.
 */
export interface PodSecurityReport {
  /** The most restrictive level that admits the pods. */
  readonly level: PodSecurityLevel;
  /** The policy version evaluated, `v1.N`. */
  readonly policyVersion: string;
  /** The violations that rule out the stricter levels. */
  readonly violations: PodSecurityViolationReport[];
}
