import { ALLOWED, containersPhrase, forbidden, isSet, PodSecurityLevel, PodSecurityCheck, visitContainers, VersionedCheck } from './api';

/** SELinux type is limited to the container types, and user and role may not be set. */
function seLinuxCheck(minimumVersion: number, allowedTypes: readonly string[]): VersionedCheck {
  return {
    minimumVersion,
    check(_metadata, spec) {
      const setters: string[] = [];
      const names: string[] = [];
      const paths: string[] = [];
      const valid = (opts: any, path: string): boolean => {
        const ok = allowedTypes.includes(opts.type ?? '') && !opts.user && !opts.role;
        if (!ok) paths.push(`${path}.seLinuxOptions`);
        return ok;
      };
      const pod = spec.securityContext?.seLinuxOptions;
      if (isSet(pod) && !valid(pod, 'spec.securityContext')) setters.push('pod');
      for (const c of visitContainers(spec)) {
        const opts = c.container.securityContext?.seLinuxOptions;
        if (isSet(opts) && !valid(opts, `${c.path}.securityContext`)) names.push(c.container.name);
      }
      if (names.length) setters.push(containersPhrase(names));
      if (!setters.length) return ALLOWED;
      return forbidden('seLinuxOptions', `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions`, paths);
    },
  };
}

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

export const seLinuxOptions: PodSecurityCheck = {
  id: 'seLinuxOptions',
  level: PodSecurityLevel.BASELINE,
  versions: [
    seLinuxCheck(0, TYPES_1_0),
    seLinuxCheck(31, [...TYPES_1_0, 'container_engine_t']),
  ],
};
