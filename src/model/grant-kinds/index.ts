import { Grant, Privilege } from '../grant';
import { GrantKind } from './api';

/**
 * Every grant kind, one per `Privilege` value and in its order (the order in which kinds
 * contribute to a container's securityContext). A kind's module is found by its value's key,
 * `Privilege.SE_LINUX_TYPE` in `./se-linux-type`, so that `Privilege` is the one list of kinds:
 * adding a kind is adding its value there and its module here. The registry checks every module
 * against its value when it loads.
 */
export const GRANT_KINDS: readonly GrantKind[] = Object.entries(Privilege).map(([key, privilege]) => loadGrantKind(key, privilege));

const BY_PRIVILEGE = new Map<string, GrantKind>(GRANT_KINDS.map(kind => [kind.privilege, kind]));

/** The module of the kind with this `Privilege` key: `./se-linux-type` exporting `kind`. */
export function loadGrantKind(key: string, privilege: string): GrantKind {
  const name = key.toLowerCase().replace(/_/g, '-');
  const kind = requireModule(name)?.kind;
  if (kind?.privilege !== privilege) {
    throw new Error(`grant kind registry: Privilege.${key} needs the module grant-kinds/${name}.ts exporting \`kind\` with privilege '${privilege}'`);
  }
  return kind;
}

/**
 * A module of this folder, or undefined when there is none. Node finds `./name`; a bundle made by
 * esbuild keys the folder's modules by file name, `./name.js`. Both are template literals, so that
 * bundlers include every module of the folder.
 */
function requireModule(name: string): { kind?: GrantKind } | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- found by name, see GRANT_KINDS
  for (const load of [() => require(`./${name}`), () => require(`./${name}.js`)]) {
    try {
      return load();
    } catch (e) {
      if (!isMissing(e, name)) throw e;
    }
  }
  return undefined;
}

/** Whether loading failed because the module is not there (Node's error, or a bundle's). */
function isMissing(e: unknown, name: string): boolean {
  const message = String((e as Error)?.message);
  return ((e as { code?: string })?.code === 'MODULE_NOT_FOUND' || message.startsWith('Module not found in bundle'))
    && message.includes(`./${name}`);
}

/** The kind of a grant, or undefined for a privilege this version does not know (a hand-written annotation). */
export function grantKind(privilege: string): GrantKind | undefined {
  return BY_PRIVILEGE.get(privilege);
}

/** A stable identity for a grant: two grants with the same key are the same grant. */
export function grantKey(grant: Grant): string {
  return [grant.privilege, grant.container ?? '', grantKind(grant.privilege)?.identity(grant) ?? ''].join('|');
}

/** A short human description of what a grant allows, without its reason. */
export function describeGrant(grant: Grant): string {
  return grantKind(grant.privilege)?.describe(grant) ?? String(grant.privilege);
}

/** The report label of a grant: `capability NET_RAW (kindnet-cni)`. */
export function grantLabel(grant: Grant): string {
  const target = grantKind(grant.privilege)?.target(grant);
  return [grant.privilege, target, grant.container ? `(${grant.container})` : undefined].filter(Boolean).join(' ');
}
