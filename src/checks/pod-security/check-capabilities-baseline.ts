import { ALLOWED, containersPhrase, forbidden, joinQuote, PodSecurityLevel, PodSecurityCheck, visitContainers } from './api';

/** Capabilities beyond the runtime's default set are forbidden (exact, case-sensitive names). */
export const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export const capabilitiesBaseline: PodSecurityCheck = {
  id: 'capabilities_baseline',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(_metadata, spec) {
      const names: string[] = [];
      const caps = new Set<string>();
      const paths: string[] = [];
      for (const c of visitContainers(spec)) {
        const add = c.container.securityContext?.capabilities?.add;
        const bad = (Array.isArray(add) ? add : []).filter((cap: string) => !BASELINE_CAPABILITIES.has(cap));
        if (!bad.length) continue;
        names.push(c.container.name);
        bad.forEach((cap: string) => caps.add(cap));
        paths.push(`${c.path}.securityContext.capabilities.add`);
      }
      if (!names.length) return ALLOWED;
      return forbidden('non-default capabilities', `${containersPhrase(names)} must not include ${joinQuote([...caps].sort())} in securityContext.capabilities.add`, paths);
    },
  }],
};
