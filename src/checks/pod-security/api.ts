/**
 * The shape of a Pod Security check, after kubernetes/pod-security-admission `policy/`:
 * a check has an id, a level and versioned implementations; each implementation applies from
 * its minimum version until the next one's, and may override baseline checks at restricted.
 * Checks read plain Kubernetes JSON (a pod template's metadata and spec).
 */
import { containersOf, ContainerView } from '../../model/pod-template';

/** Pod Security Standards levels, from least to most restrictive. */
export enum PodSecurityLevel {
  PRIVILEGED = 'privileged',
  BASELINE = 'baseline',
  RESTRICTED = 'restricted',
}

/** The outcome of one check on one pod. */
export interface CheckResult {
  readonly allowed: boolean;
  /** Upstream's ForbiddenReason, e.g. `host namespaces`. */
  readonly reason?: string;
  /** Upstream's ForbiddenDetail, e.g. `hostNetwork=true`. */
  readonly detail?: string;
  /** The offending fields, relative to the pod (e.g. `spec.hostNetwork`). */
  readonly paths?: readonly string[];
}

/** One implementation of a check, in force from `minimumVersion` (a 1.x minor). */
export interface VersionedCheck {
  readonly minimumVersion: number;
  /** Baseline checks this restricted implementation replaces. */
  readonly overrides?: readonly string[];
  check(metadata: any, spec: any): CheckResult;
}

/** A Pod Security check. */
export interface PodSecurityCheck {
  readonly id: string;
  readonly level: PodSecurityLevel.BASELINE | PodSecurityLevel.RESTRICTED;
  /** Implementations in increasing minimum version. */
  readonly versions: readonly VersionedCheck[];
}

export const ALLOWED: CheckResult = { allowed: true };

/** A failed check with its reason, detail and paths. */
export function forbidden(reason: string, detail: string, paths: string[]): CheckResult {
  return { allowed: false, reason, detail, paths };
}

/** Containers in the order upstream visits them: init, regular, ephemeral. */
export function visitContainers(spec: any): ContainerView[] {
  return containersOf(spec, 'spec');
}

export function pluralize(singular: string, plural: string, n: number): string {
  return n === 1 ? singular : plural;
}

export function joinQuote(items: readonly string[]): string {
  return items.map(i => `"${i}"`).join(', ');
}

/** `containers "a", "b"` or `container "a"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Pods in user namespaces get relaxed root checks from 1.35 (KEP-127). */
export function usesUserNamespace(spec: any): boolean {
  return spec?.hostUsers === false;
}

/** Restricted checks skip Windows pods from 1.25. */
export function isWindowsPod(spec: any): boolean {
  return spec?.os?.name === 'windows';
}

/** Whether a value is set: present and not null (an empty object counts as set). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
