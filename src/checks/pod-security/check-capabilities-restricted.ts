import { ALLOWED, containersPhrase, forbidden, isWindowsPod, joinQuote, PodSecurityLevel, PodSecurityCheck, visitContainers, VersionedCheck } from './api';

function capabilitiesCheck(minimumVersion: number, windowsAware: boolean): VersionedCheck {
  return {
    minimumVersion,
    overrides: windowsAware ? ['capabilities_baseline'] : undefined,
    check(_metadata, spec) {
      if (windowsAware && isWindowsPod(spec)) return ALLOWED;
      const noDrop: string[] = [];
      const badAdd: string[] = [];
      const added = new Set<string>();
      const paths: string[] = [];
      for (const c of visitContainers(spec)) {
        const caps = c.container.securityContext?.capabilities;
        const drop = Array.isArray(caps?.drop) ? caps.drop : [];
        if (!drop.includes('ALL')) { noDrop.push(c.container.name); paths.push(`${c.path}.securityContext.capabilities.drop`); }
        const add = (Array.isArray(caps?.add) ? caps.add : []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
        if (add.length) { badAdd.push(c.container.name); add.forEach((cap: string) => added.add(cap)); paths.push(`${c.path}.securityContext.capabilities.add`); }
      }
      const details: string[] = [];
      if (noDrop.length) details.push(`${containersPhrase(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (badAdd.length) details.push(`${containersPhrase(badAdd)} must not include ${joinQuote([...added].sort())} in securityContext.capabilities.add`);
      if (!details.length) return ALLOWED;
      return forbidden('unrestricted capabilities', details.join('; '), paths);
    },
  };
}

/** Every capability must be dropped; only NET_BIND_SERVICE may be added back. */
export const capabilitiesRestricted: PodSecurityCheck = {
  id: 'capabilities_restricted',
  level: PodSecurityLevel.RESTRICTED,
  versions: [capabilitiesCheck(22, false), capabilitiesCheck(25, true)],
};
