import { PodSecurityLevel, PodSecurityCheck, VersionedCheck } from './api';
import { allowPrivilegeEscalation } from './check-allow-privilege-escalation';
import { appArmorProfile } from './check-app-armor-profile';
import { capabilitiesBaseline } from './check-capabilities-baseline';
import { capabilitiesRestricted } from './check-capabilities-restricted';
import { hostNamespaces } from './check-host-namespaces';
import { hostPathVolumes } from './check-host-path-volumes';
import { hostPorts } from './check-host-ports';
import { hostProbesAndHostLifecycle } from './check-host-probes-and-host-lifecycle';
import { privileged } from './check-privileged';
import { procMount } from './check-proc-mount';
import { procMountRestricted } from './check-proc-mount-restricted';
import { restrictedVolumes } from './check-restricted-volumes';
import { runAsNonRoot } from './check-run-as-non-root';
import { runAsUser } from './check-run-as-user';
import { seLinuxOptions } from './check-se-linux-options';
import { seccompProfileBaseline } from './check-seccomp-profile-baseline';
import { seccompProfileRestricted } from './check-seccomp-profile-restricted';
import { sysctls } from './check-sysctls';
import { windowsHostProcess } from './check-windows-host-process';

/** Every Pod Security check. Adding a check is adding its file and listing it here. */
export const POD_SECURITY_CHECKS: readonly PodSecurityCheck[] = [
  privileged,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];

/** The newest policy version any check knows: what `latest` means. */
export const LATEST_MINOR = Math.max(...POD_SECURITY_CHECKS.flatMap(c => c.versions.map(v => v.minimumVersion)));

/** One reason a pod template is not admitted at a level. */
export interface PodSecurityViolation {
  /** The check id, as upstream names it (e.g. `hostNamespaces`). */
  readonly check: string;
  /** The level the check belongs to. */
  readonly level: PodSecurityLevel;
  /** Upstream's reason and detail, e.g. `host namespaces (hostNetwork=true)`. */
  readonly message: string;
  /** Offending fields, relative to the pod template (e.g. `spec.hostNetwork`). */
  readonly paths: string[];
}

/**
 * Parses a policy version: `latest` or `v1.N`. Versions newer than the newest check are
 * evaluated as the newest, as upstream does. Returns undefined for anything else.
 */
export function parsePolicyVersion(version: string): number | undefined {
  if (version === 'latest') return LATEST_MINOR;
  const match = /^v1\.(0|[1-9][0-9]*)$/.exec(version);
  return match ? Math.min(parseInt(match[1], 10), LATEST_MINOR) : undefined;
}

/** The name of a policy version, `v1.N`. */
export function policyVersionName(minor: number): string {
  return `v1.${minor}`;
}

interface Applicable { readonly id: string; readonly level: PodSecurityLevel; readonly check: VersionedCheck }

// By level, then by version: asked for twice per pod template, so no key is built to look them up.
const applicableCache = new Map<PodSecurityLevel, Map<number, Applicable[]>>();

/** The implementations in force at a level and version, overrides applied; computed once per pair. */
function applicableChecks(level: PodSecurityLevel, minor: number): Applicable[] {
  let byVersion = applicableCache.get(level);
  if (!byVersion) applicableCache.set(level, byVersion = new Map());
  let found = byVersion.get(minor);
  if (!found) {
    const inForce: Applicable[] = [];
    for (const c of POD_SECURITY_CHECKS) {
      if (level === PodSecurityLevel.PRIVILEGED || (level === PodSecurityLevel.BASELINE && c.level !== PodSecurityLevel.BASELINE)) continue;
      const impl = [...c.versions].reverse().find(v => v.minimumVersion <= minor);
      if (impl) inForce.push({ id: c.id, level: c.level, check: impl });
    }
    const overridden = new Set(inForce.flatMap(a => a.check.overrides ?? []));
    found = inForce.filter(a => !overridden.has(a.id));
    byVersion.set(minor, found);
  }
  return found;
}

/** The violations of a pod template (metadata and spec) at a level and 1.x minor version. */
export function evaluatePodSecurity(level: PodSecurityLevel, minor: number, metadata: any, spec: any): PodSecurityViolation[] {
  return violationsOf(applicableChecks(level, Math.min(minor, LATEST_MINOR)), metadata ?? {}, spec ?? {});
}

function violationsOf(checks: readonly Applicable[], metadata: any, spec: any): PodSecurityViolation[] {
  const violations: PodSecurityViolation[] = [];
  for (const a of checks) {
    const result = a.check.check(metadata, spec);
    if (!result.allowed) {
      violations.push({ check: a.id, level: a.level, message: `${result.reason} (${result.detail})`, paths: [...(result.paths ?? [])] });
    }
  }
  return violations;
}

const restrictedOnlyCache = new Map<number, Applicable[]>();

/**
 * The checks in force at restricted that are not also in force at baseline (the restricted
 * checks): on a pod that baseline admits, the others are the same checks with the same answer.
 */
function restrictedOnly(minor: number): Applicable[] {
  let found = restrictedOnlyCache.get(minor);
  if (!found) {
    const baseline = new Set(applicableChecks(PodSecurityLevel.BASELINE, minor).map(a => a.check));
    restrictedOnlyCache.set(minor, found = applicableChecks(PodSecurityLevel.RESTRICTED, minor).filter(a => !baseline.has(a.check)));
  }
  return found;
}

/** Whether every check in force at a level and version admits a pod template; stops at the first that does not. */
function admits(level: PodSecurityLevel, minor: number, metadata: any, spec: any): boolean {
  return applicableChecks(level, Math.min(minor, LATEST_MINOR)).every(a => a.check.check(metadata ?? {}, spec ?? {}).allowed);
}

/** The most restrictive level that admits a pod template, when the violations are not needed. */
export function leastPrivilegedLevel(minor: number, metadata: any, spec: any): PodSecurityLevel {
  // Baseline first: most agents fail it, and then restricted cannot change the answer.
  if (!admits(PodSecurityLevel.BASELINE, minor, metadata, spec)) return PodSecurityLevel.PRIVILEGED;
  return admits(PodSecurityLevel.RESTRICTED, minor, metadata, spec) ? PodSecurityLevel.RESTRICTED : PodSecurityLevel.BASELINE;
}

/** The most restrictive level that admits a pod template, with the violations that rule out the stricter ones. */
export function requiredPodSecurityLevel(minor: number, metadata: any, spec: any): { level: PodSecurityLevel; violations: PodSecurityViolation[] } {
  // Baseline's violations decide first: a pod that fails baseline is privileged whatever
  // restricted says (an API-invalid pod can pass restricted and fail baseline), and only
  // baseline's violations are reported. A pod that baseline admits passes the baseline checks
  // that restricted keeps, so only the restricted checks are left to run.
  const version = Math.min(minor, LATEST_MINOR);
  const meta = metadata ?? {};
  const podSpec = spec ?? {};
  const baseline = violationsOf(applicableChecks(PodSecurityLevel.BASELINE, version), meta, podSpec);
  if (baseline.length) return { level: PodSecurityLevel.PRIVILEGED, violations: baseline };
  const restricted = violationsOf(restrictedOnly(version), meta, podSpec);
  return restricted.length ? { level: PodSecurityLevel.BASELINE, violations: restricted } : { level: PodSecurityLevel.RESTRICTED, violations: [] };
}
