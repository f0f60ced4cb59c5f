import { ALLOWED, containersPhrase, forbidden, isSet, isWindowsPod, PodSecurityLevel, PodSecurityCheck, visitContainers, VersionedCheck } from './api';
import { VALID_SECCOMP_TYPES } from './check-seccomp-profile-baseline';

function seccompRestrictedCheck(minimumVersion: number, windowsAware: boolean): VersionedCheck {
  return {
    minimumVersion,
    overrides: windowsAware ? ['seccompProfile_baseline'] : undefined,
    check(_metadata, spec) {
      if (windowsAware && isWindowsPod(spec)) return ALLOWED;
      const setters: string[] = [];
      const paths: string[] = [];
      const pod = spec.securityContext?.seccompProfile;
      const podValid = isSet(pod) && VALID_SECCOMP_TYPES.includes(pod.type);
      if (isSet(pod) && !podValid) { setters.push('pod'); paths.push('spec.securityContext.seccompProfile.type'); }
      const explicit: string[] = [];
      const implicit: string[] = [];
      for (const c of visitContainers(spec)) {
        const profile = c.container.securityContext?.seccompProfile;
        if (isSet(profile)) {
          if (!VALID_SECCOMP_TYPES.includes(profile.type)) { explicit.push(c.container.name); paths.push(`${c.path}.securityContext.seccompProfile.type`); }
        } else if (!podValid) {
          implicit.push(c.container.name);
          paths.push(`${c.path}.securityContext.seccompProfile`);
        }
      }
      if (explicit.length) setters.push(containersPhrase(explicit));
      if (setters.length) return forbidden('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to "Unconfined"`, paths);
      if (implicit.length) return forbidden('seccompProfile', `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`, paths);
      return ALLOWED;
    },
  };
}

/** A seccomp profile (RuntimeDefault or Localhost) must be set, on the pod or every container. */
export const seccompProfileRestricted: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  level: PodSecurityLevel.RESTRICTED,
  versions: [seccompRestrictedCheck(19, false), seccompRestrictedCheck(25, true)],
};
