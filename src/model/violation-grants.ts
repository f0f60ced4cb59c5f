import { Grant, Privilege } from './grant';
import { grantKind } from './grant-kinds';
import { normaliseHostPath } from './host-path';

/** Whether a grant of the container can cause the check to fail (each kind lists its checks). */
function causes(check: string, grant: Grant): boolean {
  return grantKind(grant.privilege)?.podSecurityChecks.includes(check) ?? false;
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
