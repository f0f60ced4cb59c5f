/** Normalising and naming host paths, for the constructs and the checks alike. */
const normalised = new Map<string, string>();

/** Resolves `//`, `.`, `..` and a trailing `/` the way the node's filesystem would. */
export function normaliseHostPath(path: string): string {
  // Agents mount a few dozen distinct paths, compared many times over: keep them (bounded).
  let result = normalised.get(path);
  if (result === undefined) {
    if (normalised.size > 10000) normalised.clear();
    normalised.set(path, result = resolvePath(path));
  }
  return result;
}

function resolvePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop(); else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** A volume name for a host path: a DNS-1123 label derived from the path, unique per path. */
export function hostPathVolumeName(path: string): string {
  const slug = normaliseHostPath(path).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const name = `host-${slug || 'root'}`;
  if (name.length <= 63) return name;
  // Keep the name unique when truncating: long paths differ mostly at the end.
  let hash = 0;
  for (const ch of path) hash = (hash * 31 + ch.charCodeAt(0)) % 2147483647;
  return `${name.slice(0, 54).replace(/-+$/, '')}-${hash.toString(36).slice(0, 8)}`;
}
