import { Grant, Privilege } from '../../model/grant';
import { decodeGrants } from '../../model/grants-annotation';
import { normaliseHostPath } from '../../model/host-path';
import { containersOf, joinPath, podTemplateOf } from '../../model/pod-template';
import { sensitiveHostPath } from '../../model/sensitive-host-paths';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/**
 * Mounts of sensitive host paths (docs/SENSITIVE-HOST-PATHS.md; ancestors and paths inside
 * included, after normalisation) and writable host mounts. A mount granted in this library's
 * annotation is reported as `info` with its reason.
 */
export const hostPathAccess: ManifestRule = {
  id: 'host-path-access',
  severity: Severity.WARNING,
  source: 'manifest-linters-and-policy-engines §2a; real-node-agents §3.7',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template) return [];
    const grants = decodeGrants(obj.metadata) ?? [];
    const volumes = new Map<string, string>();
    for (const v of Array.isArray(template.spec.volumes) ? template.spec.volumes : []) {
      if (typeof v?.hostPath?.path === 'string') volumes.set(v.name, v.hostPath.path);
    }
    const out: Violation[] = [];
    for (const c of containersOf(template.spec, joinPath(template.path, 'spec'))) {
      (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []).forEach((m: any, i: number) => {
        const hostPath = volumes.get(m?.name);
        if (hostPath === undefined) return;
        const writable = m.readOnly !== true;
        const path = `${c.path}.volumeMounts[${i}]`;
        const grant = grantFor(grants, c.container.name, hostPath, writable);
        const access = writable ? 'read-write' : 'read-only';
        const sensitive = sensitiveHostPath(hostPath, writable);
        if (sensitive) {
          const where = sensitive.relation === 'is' ? 'is sensitive' : `${sensitive.relation === 'contains' ? 'contains' : 'is inside'} ${sensitive.entry.path}`;
          out.push(withGrant({ path, message: `container "${c.container.name}" mounts ${hostPath} ${access}, which ${where} (${sensitive.entry.why})` }, grant));
        } else if (writable) {
          out.push(withGrant({ path, message: `container "${c.container.name}" mounts ${hostPath} read-write; mount it read-only unless the agent writes there`, severity: Severity.INFO }, grant));
        }
      });
    }
    return out;
  },
};

function grantFor(grants: Grant[], container: string, hostPath: string, writable: boolean): Grant | undefined {
  const path = normaliseHostPath(hostPath);
  return grants.find(g => g.privilege === Privilege.HOST_PATH && g.container === container && g.path === path && !!g.writable === writable);
}

function withGrant(v: Violation, grant: Grant | undefined): Violation {
  if (!grant) return v;
  return { ...v, severity: Severity.INFO, message: `${v.message}; granted: ${grant.reason ?? 'no reason given'}` };
}
