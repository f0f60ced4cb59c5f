import { Grant, Privilege } from './grant';
import { normaliseHostPath } from './host-path';
import { containersOf, isObject, joinPath, KubeObject, podTemplateOf } from './pod-template';

/**
 * Host access that a rendered pod template actually holds, whatever wrote it (a grant, a plain
 * cdk8s-plus prop, a JSON patch, someone's YAML). The synth-time invariant and `audit` both derive
 * it with this one function, so the two can never disagree about what a pod holds.
 *
 * Besides the grantable privileges there are two weakened defaults, which no grant of their own
 * allows: capabilities kept (no `drop: [ALL]`) and privilege escalation allowed.
 */
export type HeldKind = Privilege | 'capabilitiesKept' | 'privilegeEscalation';

/** One piece of host access held by a pod or one of its containers. */
export interface HeldAccess {
  readonly kind: HeldKind;
  /** The container, or undefined for the pod (host namespaces, a hostPath volume no container mounts). */
  readonly container?: string;
  readonly capability?: string;
  /** Normalised host path. */
  readonly path?: string;
  readonly writable?: boolean;
  readonly port?: number;
  readonly protocol?: string;
  /** For `Privilege.UNCONFINED`: `appArmor=Unconfined`, `seLinuxType=<type>` or `seccomp=Unconfined`. */
  readonly profile?: string;
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
  const specPath = joinPath(template.path, 'spec');
  const out: HeldAccess[] = [];
  const namespaces: Array<[string, Privilege]> = [['hostNetwork', Privilege.HOST_NETWORK], ['hostPID', Privilege.HOST_PID], ['hostIPC', Privilege.HOST_IPC]];
  for (const [field, kind] of namespaces) {
    if (spec[field] === true) out.push({ kind, field: `${specPath}.${field}`, value: true });
  }

  const podContext = isObject(spec.securityContext) ? spec.securityContext : {};
  const annotations = isObject(template.metadata.annotations) ? template.metadata.annotations : {};
  const hostVolumes = hostPathVolumes(spec, specPath);
  const mounted = new Set<string>();
  for (const c of containersOf(spec, specPath)) {
    const name = typeof c.container.name === 'string' ? c.container.name : '';
    const sc = isObject(c.container.securityContext) ? c.container.securityContext : {};
    const at = (field: string) => `${c.path}.${field}`;
    const push = (access: Omit<HeldAccess, 'container'>) => out.push({ ...access, container: name });

    const privileged = sc.privileged === true;
    if (privileged) push({ kind: Privilege.PRIVILEGED, field: at('securityContext.privileged'), value: true });
    const caps = isObject(sc.capabilities) ? sc.capabilities : {};
    for (const capability of Array.isArray(caps.add) ? caps.add : []) {
      if (typeof capability === 'string') push({ kind: Privilege.CAPABILITY, capability: capabilityName(capability), field: at('securityContext.capabilities.add'), value: capability });
    }
    const drop = Array.isArray(caps.drop) ? caps.drop : [];
    if (!privileged && !drop.some((d: unknown) => typeof d === 'string' && capabilityName(d) === 'ALL')) {
      push({ kind: 'capabilitiesKept', field: at('securityContext.capabilities.drop'), value: caps.drop });
    }
    if (!privileged && sc.allowPrivilegeEscalation !== false) {
      push({ kind: 'privilegeEscalation', field: at('securityContext.allowPrivilegeEscalation'), value: sc.allowPrivilegeEscalation });
    }
    const nonRoot = sc.runAsNonRoot ?? podContext.runAsNonRoot;
    const user = sc.runAsUser ?? podContext.runAsUser;
    if (nonRoot !== true && (user === undefined || user === 0)) {
      push({ kind: Privilege.RUN_AS_ROOT, field: at(user === 0 ? 'securityContext.runAsUser' : 'securityContext.runAsNonRoot'), value: user ?? nonRoot });
    }
    if (sc.readOnlyRootFilesystem !== true) {
      push({ kind: Privilege.WRITABLE_ROOT_FILESYSTEM, field: at('securityContext.readOnlyRootFilesystem'), value: sc.readOnlyRootFilesystem });
    }
    for (const profile of relaxedConfinement(sc, podContext, annotations, name)) {
      push({ kind: Privilege.UNCONFINED, profile: profile.profile, field: profile.field ?? at(profile.relativeField), value: profile.value });
    }
    (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
      if (typeof p?.hostPort === 'number' && p.hostPort > 0) {
        push({ kind: Privilege.HOST_PORT, port: p.hostPort, protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP', field: at(`ports[${i}].hostPort`), value: p.hostPort });
      }
    });
    (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
      const volume = hostVolumes.get(m?.name);
      if (!volume) return;
      mounted.add(m.name);
      push({ kind: Privilege.HOST_PATH, path: volume.path, writable: m.readOnly !== true, field: at(`volumeMounts[${i}]`), value: volume.written });
    });
  }
  // A hostPath volume no container mounts can still be mounted by an ephemeral debug container.
  for (const [name, volume] of hostVolumes) {
    if (!mounted.has(name)) out.push({ kind: Privilege.HOST_PATH, path: volume.path, writable: true, field: volume.field, value: volume.written });
  }
  return out;
}

interface HostPathVolume { readonly path: string; readonly written: string; readonly field: string }

function hostPathVolumes(spec: any, specPath: string): Map<string, HostPathVolume> {
  const volumes = new Map<string, HostPathVolume>();
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: any, i: number) => {
    if (isObject(v) && isObject(v.hostPath) && typeof v.hostPath.path === 'string') {
      volumes.set(v.name, { path: normaliseHostPath(v.hostPath.path), written: v.hostPath.path, field: `${specPath}.volumes[${i}].hostPath.path` });
    }
  });
  return volumes;
}

interface Relaxed { readonly profile: string; readonly relativeField: string; readonly field?: string; readonly value: unknown }

/**
 * Seccomp, AppArmor and SELinux confinement the container runs without, by field (container
 * first, then pod) or by the older annotations. No seccomp profile at all means Unconfined on a
 * kubelet without `--seccomp-default`.
 */
function relaxedConfinement(sc: any, pod: any, annotations: Record<string, unknown>, name: string): Relaxed[] {
  const out: Relaxed[] = [];
  const seccompAnnotation = annotations[`container.seccomp.security.alpha.kubernetes.io/${name}`] ?? annotations['seccomp.security.alpha.kubernetes.io/pod'];
  const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
  if (seccomp === 'Unconfined' || (seccomp === undefined && (seccompAnnotation === undefined || seccompAnnotation === 'unconfined'))) {
    out.push({ profile: 'seccomp=Unconfined', relativeField: 'securityContext.seccompProfile', value: seccomp ?? seccompAnnotation });
  }
  const appArmorKey = `container.apparmor.security.beta.kubernetes.io/${name}`;
  const appArmor = sc.appArmorProfile?.type ?? pod.appArmorProfile?.type;
  if (appArmor === 'Unconfined') {
    out.push({ profile: 'appArmor=Unconfined', relativeField: 'securityContext.appArmorProfile', value: appArmor });
  } else if (appArmor === undefined && annotations[appArmorKey] === 'unconfined') {
    out.push({ profile: 'appArmor=Unconfined', relativeField: '', field: `metadata.annotations["${appArmorKey}"]`, value: 'unconfined' });
  }
  const seLinuxType = sc.seLinuxOptions?.type ?? pod.seLinuxOptions?.type;
  if (typeof seLinuxType === 'string' && seLinuxType !== '') {
    out.push({ profile: `seLinuxType=${seLinuxType}`, relativeField: 'securityContext.seLinuxOptions.type', value: seLinuxType });
  }
  return out;
}

/** A capability as the grants record it: upper case, without `CAP_`. */
function capabilityName(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Whether a grant allows a piece of held access. */
export function grantAllows(grant: Grant, access: HeldAccess): boolean {
  if (grant.container !== access.container) return false;
  const privileged = grant.privilege === Privilege.PRIVILEGED;
  switch (access.kind) {
    case Privilege.CAPABILITY: return privileged || (grant.privilege === Privilege.CAPABILITY && grant.capability === access.capability);
    case 'capabilitiesKept': return privileged;
    case 'privilegeEscalation': return privileged || (grant.privilege === Privilege.CAPABILITY && grant.capability === 'SYS_ADMIN');
    case Privilege.RUN_AS_ROOT: return privileged || grant.privilege === Privilege.CAPABILITY || grant.privilege === Privilege.RUN_AS_ROOT;
    case Privilege.UNCONFINED:
      return (privileged && !access.profile!.startsWith('seLinuxType='))
        || (grant.privilege === Privilege.UNCONFINED && grant.profile === access.profile);
    case Privilege.HOST_PATH:
      return grant.privilege === Privilege.HOST_PATH && grant.path === access.path && !!grant.writable === access.writable;
    case Privilege.HOST_PORT:
      return grant.privilege === Privilege.HOST_PORT && grant.port === access.port && (grant.protocol ?? 'TCP') === access.protocol;
    default: return grant.privilege === access.kind;
  }
}

/**
 * Whether a grant is reflected in what the pod holds: something it allows is held, or it is
 * subsumed by a privileged container (which renders no capabilities and no seccomp profile).
 */
export function grantHeld(grant: Grant, access: readonly HeldAccess[]): boolean {
  const same = access.some(a => a.kind === grant.privilege && grantAllows(grant, a));
  if (same) return true;
  const subsumed = grant.privilege === Privilege.CAPABILITY || grant.privilege === Privilege.RUN_AS_ROOT
    || (grant.privilege === Privilege.UNCONFINED && !(grant.profile ?? '').startsWith('seLinuxType='));
  return subsumed && access.some(a => a.kind === Privilege.PRIVILEGED && a.container === grant.container);
}
