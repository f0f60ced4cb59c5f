import { ALLOWED, containersPhrase, forbidden, isSet, PodSecurityLevel, PodSecurityCheck, visitContainers } from './api';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export const VALID_SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];

/** Seccomp may not be disabled: annotations before 1.19, the securityContext field from 1.19. */
export const seccompProfileBaseline: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: PodSecurityLevel.BASELINE,
  versions: [
    {
      minimumVersion: 0,
      check(metadata, spec) {
        const annotations = metadata?.annotations ?? {};
        const keys = [POD_ANNOTATION, ...visitContainers(spec).map(c => CONTAINER_ANNOTATION_PREFIX + c.container.name)];
        const bad = [...new Set(keys)].filter(k => k in annotations && !validAnnotation(String(annotations[k]))).sort();
        if (!bad.length) return ALLOWED;
        return forbidden('seccompProfile', `forbidden ${bad.length === 1 ? 'annotation' : 'annotations'} ${bad.map(k => `${k}="${annotations[k]}"`).join(', ')}`,
          bad.map(k => `metadata.annotations[${k}]`));
      },
    },
    {
      minimumVersion: 19,
      check(_metadata, spec) {
        const setters: string[] = [];
        const paths: string[] = [];
        const pod = spec.securityContext?.seccompProfile;
        if (isSet(pod) && !VALID_SECCOMP_TYPES.includes(pod.type)) { setters.push('pod'); paths.push('spec.securityContext.seccompProfile.type'); }
        const bad = visitContainers(spec).filter(c => {
          const profile = c.container.securityContext?.seccompProfile;
          return isSet(profile) && !VALID_SECCOMP_TYPES.includes(profile.type);
        });
        if (bad.length) setters.push(containersPhrase(bad.map(c => c.container.name)));
        paths.push(...bad.map(c => `${c.path}.securityContext.seccompProfile.type`));
        if (!setters.length) return ALLOWED;
        return forbidden('seccompProfile', `${setters.join(' and ')} must not set securityContext.seccompProfile.type to "Unconfined"`, paths);
      },
    },
  ],
};

function validAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}
