import { ALLOWED, forbidden, isSet, PodSecurityLevel, pluralize, PodSecurityCheck, visitContainers } from './api';
import { ContainerView } from '../../model/pod-template';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = ['RuntimeDefault', 'Localhost'];

/** AppArmor may not be disabled or overridden beyond the runtime default and local profiles. */
export const appArmorProfile: PodSecurityCheck = {
  id: 'appArmorProfile',
  level: PodSecurityLevel.BASELINE,
  versions: [{
    minimumVersion: 0,
    check(metadata, spec) {
      const bad: string[] = [];
      const paths: string[] = [];
      for (const [key, value] of Object.entries(metadata?.annotations ?? {})) {
        if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(String(value))) {
          bad.push(`${key}="${value}"`);
          paths.push(`metadata.annotations[${key}]`);
        }
      }
      // The path and the name are written only for a profile that is refused.
      const field = (profile: any, c?: ContainerView) => {
        if (isSet(profile) && !ALLOWED_TYPES.includes(profile.type)) {
          bad.push(`${c ? `container "${c.container.name}"` : 'pod'} appArmorProfile.type="${profile.type}"`);
          paths.push(`${c ? c.path : 'spec'}.securityContext.appArmorProfile.type`);
        }
      };
      field(spec.securityContext?.appArmorProfile);
      for (const c of visitContainers(spec)) field(c.container.securityContext?.appArmorProfile, c);
      if (!bad.length) return ALLOWED;
      return forbidden(pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', bad.length), bad.sort().join(', '), paths);
    },
  }],
};

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}
