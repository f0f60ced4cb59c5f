import { Grant, Privilege } from './grant';
import { GRANT_KINDS, grantKind } from './grant-kinds';
import { ContainerContext, HeldContext, HostPathVolume } from './grant-kinds/api';
import { normaliseHostPath } from './host-path';
import { containersOf, isObject, joinPath, KubeObject, podTemplateOf } from './pod-template';

/**
 * Host access that a rendered pod template actually holds, whatever wrote it (a grant, a plain
 * cdk8s-plus prop, a JSON patch, someone's YAML). The synth-time invariant and `audit` both derive
 * it with this one function, so the two can never disagree about what a pod holds.
 *
 * Each grant kind finds the access of its own kind (`grant-kinds/`). Besides those, two hardened
 * defaults can be removed, which no grant of their own allows: capabilities kept (no
 * `drop: [ALL]`) and privilege escalation allowed.
 */
export type HeldKind = Privilege | 'capabilitiesKept' | 'privilegeEscalation';

/**
 * One piece of host access held by a pod or one of its containers, with the target fields a grant
 * has (capability, normalised path and access, port, SELinux type). The container is undefined for
 * the pod: host namespaces, a hostPath volume no container mounts.
 */
export interface HeldAccess extends Omit<Grant, 'privilege' | 'reason'> {
  readonly kind: HeldKind;
  /** Dotted path of the field that holds it. */
  readonly field: string;
  /** The value found there, for messages. */
  readonly value: unknown;
}

const held = new WeakMap<object, HeldAccess[]>();

/** Every piece of host access the object's pod template holds; empty for objects without one. */
export function heldAccessOf(obj: KubeObject): HeldAccess[] {
  if (!isObject(obj)) return [];
  let access = held.get(obj);
  if (!access) held.set(obj, access = deriveHeldAccess(obj));
  return access;
}

function deriveHeldAccess(obj: KubeObject): HeldAccess[] {
  const template = podTemplateOf(obj);
  if (!template) return [];
  const spec = template.spec;
  const pod: HeldContext = {
    spec,
    specPath: joinPath(template.path, 'spec'),
    annotations: isObject(template.metadata.annotations) ? template.metadata.annotations : {},
    podContext: isObject(spec.securityContext) ? spec.securityContext : {},
    hostVolumes: hostPathVolumes(spec, joinPath(template.path, 'spec')),
  };
  const out: HeldAccess[] = [];
  for (const kind of GRANT_KINDS) out.push(...kind.held(pod));
  for (const c of containersOf(spec, pod.specPath)) {
    const container: ContainerContext = {
      name: typeof c.container.name === 'string' ? c.container.name : '',
      container: c.container,
      securityContext: isObject(c.container.securityContext) ? c.container.securityContext : {},
      path: c.path,
    };
    // One context per container, shared by every kind, written out: copying the pod's for each
    // kind (a spread) cost more than the kinds' own work.
    const { specPath, annotations, podContext, hostVolumes } = pod;
    const where: HeldContext = { spec, specPath, annotations, podContext, hostVolumes, container };
    for (const kind of GRANT_KINDS) out.push(...kind.held(where));
    out.push(...weakenedDefaults(container));
  }
  return out;
}

/** The hardened defaults a non-privileged container can lose: dropping every capability, and no escalation. */
function weakenedDefaults({ name, securityContext: sc, path }: ContainerContext): HeldAccess[] {
  if (sc.privileged === true) return [];
  const out: HeldAccess[] = [];
  const drop = isObject(sc.capabilities) && Array.isArray(sc.capabilities.drop) ? sc.capabilities.drop : [];
  if (!drop.some((d: unknown) => typeof d === 'string' && /^(CAP_)?ALL$/i.test(d))) {
    out.push({ kind: 'capabilitiesKept', container: name, field: `${path}.securityContext.capabilities.drop`, value: sc.capabilities?.drop });
  }
  if (sc.allowPrivilegeEscalation !== false) {
    out.push({ kind: 'privilegeEscalation', container: name, field: `${path}.securityContext.allowPrivilegeEscalation`, value: sc.allowPrivilegeEscalation });
  }
  return out;
}

function hostPathVolumes(spec: any, specPath: string): Map<string, HostPathVolume> {
  const volumes = new Map<string, HostPathVolume>();
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: any, i: number) => {
    if (isObject(v) && isObject(v.hostPath) && typeof v.hostPath.path === 'string') {
      volumes.set(v.name, { path: normaliseHostPath(v.hostPath.path), written: v.hostPath.path, field: `${specPath}.volumes[${i}].hostPath.path` });
    }
  });
  return volumes;
}

/** Whether a grant allows a piece of held access. */
export function grantAllows(grant: Grant, access: HeldAccess): boolean {
  return grantKind(grant.privilege)?.allows(grant, access) ?? false;
}

/**
 * Whether a grant is reflected in what the pod holds: something of its own kind that it allows is
 * held, or it is subsumed by a privileged container (which renders no capabilities and no
 * seccomp profile).
 */
export function grantHeld(grant: Grant, access: readonly HeldAccess[]): boolean {
  if (access.some(a => a.kind === grant.privilege && grantAllows(grant, a))) return true;
  const privileged = { privilege: Privilege.PRIVILEGED, container: grant.container };
  return grant.privilege !== Privilege.PRIVILEGED
    && access.some(a => a.kind === Privilege.PRIVILEGED && a.container === grant.container)
    && grantAllows(privileged, { kind: grant.privilege, container: grant.container, field: '', value: undefined });
}

/** The library call that grants a piece of held access. */
export function howToGrant(access: HeldAccess): string {
  switch (access.kind) {
    case 'capabilitiesKept': return 'drop ALL and add what the agent needs with grantCapabilities([...], { reason }) (only grantPrivileged() keeps every capability)';
    case 'privilegeEscalation': return 'set allowPrivilegeEscalation: false (only grantPrivileged() or grantCapabilities([Capability.SYS_ADMIN]) allow escalation)';
    default: return grantKind(access.kind)!.howToGrant(access);
  }
}
