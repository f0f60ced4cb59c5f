/** Helpers of the toleration rules: what a list of tolerations lets through, by effect. */

/** A toleration that matches every taint of an effect (no key, operator Exists), or undefined. */
export function wildcardFor(tolerations: any[], effect: 'NoSchedule' | 'NoExecute'): any | undefined {
  return tolerations.find(t => t?.operator === 'Exists' && !t.key && (!t.effect || t.effect === effect));
}

/** The taint keys tolerated for an effect by key-specific tolerations, for messages. */
export function keysFor(tolerations: any[], effect: 'NoSchedule' | 'NoExecute'): string[] {
  return tolerations.filter(t => t?.key && (!t.effect || t.effect === effect)).map(t => String(t.key));
}

/** The tolerations of a DaemonSet's pods, or undefined when it has none (no-tolerations reports that). */
export function tolerationsOf(obj: any): any[] | undefined {
  const tolerations = obj.spec?.template?.spec?.tolerations;
  return Array.isArray(tolerations) && tolerations.length > 0 ? tolerations : undefined;
}

/** `cover no <effect> taint` or `cover <effect> taints only with key "a", "b"`, for messages. */
export function coverage(effect: string, keys: string[]): string {
  return keys.length ? `cover ${effect} taints only with key ${keys.map(k => `"${k}"`).join(', ')}` : `cover no ${effect} taint`;
}
