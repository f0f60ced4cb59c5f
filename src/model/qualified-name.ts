/**
 * Label and annotation keys as the API server accepts them (apimachinery
 * `validation.IsQualifiedName`): an optional DNS-1123 subdomain prefix of at most 253 characters
 * and a `/`, then a name of at most 63 characters of letters, digits, `-`, `_` and `.`, starting
 * and ending with a letter or digit.
 */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !isPrefix(parts[0])) return false;
  return name.length >= 1 && name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

function isPrefix(prefix: string): boolean {
  return prefix.length >= 1 && prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix);
}

/** A label value as the API server accepts it: empty, or at most 63 characters like a name part. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value));
}

/** The API server's limit on all annotations of one object together, keys and values (256 KiB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
