import { Grant, Privilege } from './grant';

/** The annotation on a workload that records every grant of host access with its reason. */
export const GRANTS_ANNOTATION = 'node-agents.cdk8s.io/grants';

/** The annotation's value: a JSON array of grants, fields in a fixed order. */
export function encodeGrants(grants: readonly Grant[]): string {
  return JSON.stringify(grants.map(g => ({
    privilege: g.privilege,
    container: g.container,
    capability: g.capability,
    path: g.path,
    writable: g.writable,
    port: g.port,
    protocol: g.protocol,
    seLinuxType: g.seLinuxType,
    reason: g.reason,
  })));
}

const decoded = new Map<string, Grant[]>();

/**
 * Reads the grants of an object's annotation; undefined when there is no annotation. An annotation
 * that is not a list of grants records none: what the pod holds is then held without a grant.
 */
export function decodeGrants(metadata: any): Grant[] | undefined {
  const raw = metadata?.annotations?.[GRANTS_ANNOTATION];
  if (typeof raw !== 'string') return undefined;
  // Several rules read the same annotation: parse each distinct value once (bounded cache).
  if (decoded.has(raw)) return decoded.get(raw);
  if (decoded.size > 1000) decoded.clear();
  const grants = parseGrants(raw);
  decoded.set(raw, grants);
  return grants;
}

function parseGrants(raw: string): Grant[] {
  try {
    const parsed = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    const privileges = Object.values(Privilege) as string[];
    return parsed.filter(g => g && typeof g === 'object' && privileges.includes(g.privilege));
  } catch {
    return [];
  }
}
