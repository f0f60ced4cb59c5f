import { Grant, Privilege } from './grant';
import { grantKind } from './grant-kinds';
import { PodDraft } from './grant-kinds/api';
import { normaliseHostPath } from './host-path';

/** Whether a grant of the container can cause the check to fail (each kind lists its checks). */
function causes(check: string, grant: Grant): boolean {
  return grantKind(grant.privilege)?.podSecurityChecks.includes(check) ?? false;
}

const APPARMOR_ANNOTATION = /^metadata\.annotations\[container\.apparmor\.security\.beta\.kubernetes\.io\/(.+)\]$/;

const CONTAINER_PATH = /^spec\.(initContainers|containers|ephemeralContainers)\[(\d+)\]/;
const VOLUME_PATH = /^spec\.volumes\[(\d+)\]/;

/** The pod spec fields a pod-level grant writes, as violation paths (`spec.hostNetwork`): each kind says what it writes. */
function podFieldsOf(grant: Grant): string[] {
  const draft: PodDraft = { spec: {}, annotations: {} };
  grantKind(grant.privilege)?.pod?.(grant, draft);
  return Object.keys(draft.spec).map(field => `spec.${field}`);
}

/**
 * The grants behind a Pod Security violation: the grants of the fields it names.
 * Paths are relative to the pod template (`spec.containers[0]...`).
 */
export function grantsBehind(check: string, paths: readonly string[], podSpec: any, grants: readonly Grant[]): Grant[] {
  const found = new Set<Grant>();
  for (const path of paths) {
    grants.filter(g => !g.container && podFieldsOf(g).includes(path)).forEach(g => found.add(g));
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
