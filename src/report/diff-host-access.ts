import { normaliseHostPath } from '../model/host-path';
import { containersOf, isObject, joinPath, KubeObject, podTemplateOf } from '../model/pod-template';

/**
 * One piece of host access an object holds, as the privilege diff compares it: what, for which
 * container (none for the pod), on what, and for host paths whether writable.
 */
export interface HeldAccess {
  /** The container; undefined for the pod (host namespaces). */
  readonly container?: string;
  /** As the grants name them: `privileged`, `capability`, `hostNetwork`, `hostPath`, `hostPort`, `runAsRoot`... */
  readonly privilege: string;
  /** The capability, host path, `port/protocol` or confinement profile. */
  readonly target?: string;
  /** For host paths: mounted read-write. */
  readonly writable?: boolean;
}

/**
 * The host access a rendered object holds, read from its pod template.
 *
 * A stand-in kept minimal on purpose: the model is to derive every piece of host access from a pod
 * template in one place, and the diff then reads it from there instead.
 */
export function heldAccessOf(obj: KubeObject): HeldAccess[] {
  const template = podTemplateOf(obj);
  if (!template || !isObject(template.spec)) return [];
  const spec = template.spec;
  const held: HeldAccess[] = [];
  if (spec.hostNetwork === true) held.push({ privilege: 'hostNetwork' });
  if (spec.hostPID === true) held.push({ privilege: 'hostPID' });
  if (spec.hostIPC === true) held.push({ privilege: 'hostIPC' });
  const hostPaths = new Map<string, string>();
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (isObject(v) && isObject(v.hostPath) && typeof v.hostPath.path === 'string') hostPaths.set(String(v.name), normaliseHostPath(v.hostPath.path));
  }
  const podUser = spec.securityContext?.runAsUser;
  for (const { container: c } of containersOf(spec, joinPath(template.path, 'spec'))) {
    if (!isObject(c)) continue;
    const container = String(c.name);
    const sc = isObject(c.securityContext) ? c.securityContext : {};
    if (sc.privileged === true) held.push({ container, privilege: 'privileged' });
    for (const cap of Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : []) {
      held.push({ container, privilege: 'capability', target: String(cap).replace(/^CAP_/, '') });
    }
    for (const p of Array.isArray(c.ports) ? c.ports : []) {
      if (isObject(p) && typeof p.hostPort === 'number' && p.hostPort > 0) held.push({ container, privilege: 'hostPort', target: `${p.hostPort}/${p.protocol ?? 'TCP'}` });
    }
    for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : []) {
      const path = isObject(m) ? hostPaths.get(String(m.name)) : undefined;
      if (path !== undefined) held.push({ container, privilege: 'hostPath', target: path, writable: m.readOnly !== true });
    }
    if ((sc.runAsUser ?? podUser) === 0) held.push({ container, privilege: 'runAsRoot' });
    if (sc.readOnlyRootFilesystem !== true) held.push({ container, privilege: 'writableRootFilesystem' });
    const seccomp = sc.seccompProfile?.type ?? spec.securityContext?.seccompProfile?.type;
    if (seccomp === 'Unconfined') held.push({ container, privilege: 'unconfined', target: 'seccomp=Unconfined' });
    const appArmor = sc.appArmorProfile?.type ?? template.metadata?.annotations?.[`container.apparmor.security.beta.kubernetes.io/${container}`];
    if (appArmor === 'Unconfined' || appArmor === 'unconfined') held.push({ container, privilege: 'unconfined', target: 'appArmor=Unconfined' });
    const seLinuxType = sc.seLinuxOptions?.type ?? spec.securityContext?.seLinuxOptions?.type;
    if (typeof seLinuxType === 'string' && seLinuxType) held.push({ container, privilege: 'unconfined', target: `seLinuxType=${seLinuxType}` });
  }
  return held;
}
