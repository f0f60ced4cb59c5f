/**
 * Name and value formats of k8s.io/apimachinery/pkg/util/validation, used by several rules.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** `IsDNS1123Label`: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63. */
export function isDns1123Label(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** `IsDNS1123Subdomain`: DNS-1123 labels joined by '.', at most 253. */
export function isDns1123Subdomain(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 253
    && value.split('.').every(part => part.length > 0 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(part));
}

/** `IsValidPortName` (IANA_SVC_NAME): at most 15, `[-a-z0-9]`, a letter, no `--`, no leading or trailing '-'. */
export function isIanaServiceName(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 15
    && /^[-a-z0-9]+$/.test(value) && /[a-z]/.test(value)
    && !value.includes('--') && !value.startsWith('-') && !value.endsWith('-');
}

/** `IsValidPercent`: digits followed by '%'. */
export function isPercent(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9]+%$/.test(value);
}

/** An int-or-percent value as a number of units or percent, or undefined when malformed. */
export function intOrPercentValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (isPercent(value)) return parseInt(value as string, 10);
  return undefined;
}

export const DNS1123_LABEL_RULE = 'lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters';
export const DNS1123_SUBDOMAIN_RULE = 'lower-case letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit, at most 253 characters';

/**
 * `IsValidIPForLegacyField` without the StrictIPCIDRValidation gate (off by default): what
 * `netutils.ParseIPSloppy` accepts. IPv4 octets may have leading zeros (read as decimal);
 * IPv6 in any form Go's parser takes, without a zone.
 */
export function isLegacyIp(value: unknown): boolean {
  if (typeof value !== 'string' || value.includes('%')) return false;
  if (/^[0-9]+(\.[0-9]+){3}$/.test(value)) return value.split('.').every(octet => parseInt(octet, 10) <= 255);
  // `net` is loaded only for the addresses that need it: it is a noticeable part of a small audit's start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('net') as typeof import('net')).isIPv6(value);
}

/** `IsValidPortNum`: an integer from 1 to 65535. */
export function isPortNumber(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

export const PORT_NAME_RULE = 'at most 15 lower-case letters, digits and "-", with at least one letter, no "--" and no "-" at either end';

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** `IsQualifiedName` (label keys): `[prefix/]name`, prefix a DNS-1123 subdomain, name at most 63 of `[-A-Za-z0-9_.]`, alphanumeric at both ends. */
export function isQualifiedName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && !isDns1123Subdomain(parts[0])) return false;
  return name.length >= 1 && name.length <= 63 && LABEL_NAME.test(name);
}

/** `IsValidLabelValue`: empty, or at most 63 of `[-A-Za-z0-9_.]`, alphanumeric at both ends. */
export function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && LABEL_NAME.test(value)));
}

export const QUALIFIED_NAME_RULE = 'an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
export const LABEL_VALUE_RULE = 'empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
