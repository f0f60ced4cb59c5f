import { ALLOWED, forbidden, isSet, PodSecurityLevel, pluralize, PodSecurityCheck, visitContainers } from './api';

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
      const field = (profile: any, path: string, who: string) => {
        if (isSet(profile) && !ALLOWED_TYPES.includes(profile.type)) {
          bad.push(`${who} appArmorProfile.type="${profile.type}"`);
          paths.push(`${path}.appArmorProfile.type`);
        }
      };
      field(spec.securityContext?.appArmorProfile, 'spec.securityContext', 'pod');
      for (const c of visitContainers(spec)) field(c.container.securityContext?.appArmorProfile, `${c.path}.securityContext`, `container "${c.container.name}"`);
      if (!bad.length) return ALLOWED;
      return forbidden(pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', bad.length), bad.sort().join(', '), paths);
    },
  }],
};

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}
