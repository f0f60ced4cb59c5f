import { Grant, Privilege } from './grant';
import { normaliseHostPath } from './host-path';

/** Which grants of a container can cause a Pod Security check to fail. */
const CAUSES: Record<string, Privilege[]> = {
  privileged: [Privilege.PRIVILEGED],
  capabilities_baseline: [Privilege.CAPABILITY],
  capabilities_restricted: [Privilege.CAPABILITY, Privilege.PRIVILEGED],
  hostPorts: [Privilege.HOST_PORT],
  allowPrivilegeEscalation: [Privilege.PRIVILEGED, Privilege.CAPABILITY],
  runAsNonRoot: [Privilege.RUN_AS_ROOT, Privilege.PRIVILEGED, Privilege.CAPABILITY],
  runAsUser: [Privilege.RUN_AS_ROOT],
  seccompProfile_restricted: [Privilege.PRIVILEGED, Privilege.UNCONFINED],
  seccompProfile_baseline: [Privilege.PRIVILEGED, Privilege.UNCONFINED],
  seLinuxOptions: [Privilege.UNCONFINED],
  appArmorProfile: [Privilege.UNCONFINED],
};

/** Which relaxed confinement an unconfined grant must name to cause a check to fail. */
const PROFILES: Record<string, string> = {
  appArmorProfile: 'appArmor=',
  seLinuxOptions: 'seLinuxType=',
  seccompProfile_baseline: 'seccomp=',
  seccompProfile_restricted: 'seccomp=',
};

/** Whether a grant of the container can cause the check to fail. */
function causes(check: string, grant: Grant): boolean {
  if (!(CAUSES[check] ?? []).includes(grant.privilege)) return false;
  return grant.privilege !== Privilege.UNCONFINED || (grant.profile ?? '').startsWith(PROFILES[check] ?? '\0');
}

const APPARMOR_ANNOTATION = /^metadata\.annotations\[container\.apparmor\.security\.beta\.kubernetes\.io\/(.+)\]$/;

const CONTAINER_PATH = /^spec\.(initContainers|containers|ephemeralContainers)\[(\d+)\]/;
const VOLUME_PATH = /^spec\.volumes\[(\d+)\]/;
const POD_FIELDS: Record<string, Privilege> = { 'spec.hostNetwork': Privilege.HOST_NETWORK, 'spec.hostPID': Privilege.HOST_PID, 'spec.hostIPC': Privilege.HOST_IPC };

/**
 * The grants behind a Pod Security violation: the grants of the fields it names.
 * Paths are relative to the pod template (`spec.containers[0]...`).
 */
export function grantsBehind(check: string, paths: readonly string[], podSpec: any, grants: readonly Grant[]): Grant[] {
  const found = new Set<Grant>();
  for (const path of paths) {
    const pod = POD_FIELDS[path];
    if (pod) grants.filter(g => g.privilege === pod && !g.container).forEach(g => found.add(g));
    const container = CONTAINER_PATH.exec(path);
    if (container) {
      const name = podSpec?.[container[1]]?.[Number(container[2])]?.name;
      // Checks without grant causes (probe hosts, procMount, sysctls, ...) trace to no grant.
      grants.filter(g => g.container === name && causes(check, g)).forEach(g => found.add(g));
    }
    const appArmor = APPARMOR_ANNOTATION.exec(path);
    if (appArmor) grants.filter(g => g.container === appArmor[1] && causes(check, g)).forEach(g => found.add(g));
    const volume = VOLUME_PATH.exec(path);
    if (volume) {
      const hostPath = podSpec?.volumes?.[Number(volume[1])]?.hostPath?.path;
      if (hostPath) grants.filter(g => g.privilege === Privilege.HOST_PATH && g.path === normaliseHostPath(hostPath)).forEach(g => found.add(g));
    }
  }
  return grants.filter(g => found.has(g));
}
