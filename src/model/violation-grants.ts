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
  seccompProfile_restricted: [Privilege.PRIVILEGED],
  seccompProfile_baseline: [Privilege.PRIVILEGED],
};

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
      const causes = CAUSES[check];
      grants.filter(g => g.container === name && (!causes || causes.includes(g.privilege))).forEach(g => found.add(g));
    }
    const volume = VOLUME_PATH.exec(path);
    if (volume) {
      const hostPath = podSpec?.volumes?.[Number(volume[1])]?.hostPath?.path;
      if (hostPath) grants.filter(g => g.privilege === Privilege.HOST_PATH && g.path === normaliseHostPath(hostPath)).forEach(g => found.add(g));
    }
  }
  return grants.filter(g => found.has(g));
}
