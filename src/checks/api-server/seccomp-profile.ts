import { Severity } from '../finding';
import { eachContainer, inPodSpec, ManifestRule, show, Violation } from '../rule';

const TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];

/**
 * seccompProfile, on the pod and on each container: a known type; `localhostProfile` with
 * type Localhost (required there, a relative path without `..`) and with no other type.
 */
export const seccompProfile: ManifestRule = {
  id: 'seccomp-profile',
  description: 'pod and container seccompProfile: an unknown type; Localhost without `localhostProfile`, or with an absolute one or one with `..`; `localhostProfile` with another type',
  severity: Severity.ERROR,
  source: 'validateSeccompProfileField, validateLocalDescendingPath',
  kinds: ['*'],
  check(obj) {
    return [
      ...inPodSpec(obj, (spec, path, out) => checkProfile(spec.securityContext?.seccompProfile, `${path}.securityContext.seccompProfile`, out)),
      ...eachContainer(obj, (c, out) => checkProfile(c.container.securityContext?.seccompProfile, `${c.path}.securityContext.seccompProfile`, out)),
    ];
  },
};

function checkProfile(profile: any, path: string, out: Violation[]): void {
  if (!profile || typeof profile !== 'object') return;
  const { type, localhostProfile } = profile;
  if (!TYPES.includes(type)) {
    out.push({ path: `${path}.type`, message: `seccomp profile type ${show(type)} is not supported; use one of ${TYPES.join(', ')}` });
  } else if (type === 'Localhost') {
    if (typeof localhostProfile !== 'string' || localhostProfile === '') {
      out.push({ path: `${path}.localhostProfile`, message: 'seccomp profile type Localhost needs localhostProfile, the profile\'s path relative to the kubelet\'s seccomp directory' });
    } else if (localhostProfile.startsWith('/') || localhostProfile.split('/').includes('..')) {
      out.push({ path: `${path}.localhostProfile`, message: `localhostProfile ${show(localhostProfile)} must be a relative path without "..", relative to the kubelet's seccomp directory` });
    }
  } else if (localhostProfile !== undefined && localhostProfile !== null) {
    out.push({ path: `${path}.localhostProfile`, message: `localhostProfile ${show(localhostProfile)} is set with type ${show(type)}; set it only with type Localhost, or remove it` });
  }
}
