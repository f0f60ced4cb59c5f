import { Severity } from '../finding';
import { eachContainer, inPodSpec, ManifestRule, show, Violation } from '../rule';

const MAX_ID = 2147483647;

/** User and group ids of the pod and of each container are integers from 0 to 2147483647. */
export const securityContextIds: ManifestRule = {
  id: 'security-context-ids',
  description: 'runAsUser, runAsGroup (pod and container), fsGroup and supplementalGroups outside 0-2147483647',
  severity: Severity.ERROR,
  source: 'ValidateSecurityContext, validatePodSpecSecurityContext (IsValidUserID, IsValidGroupID)',
  kinds: ['*'],
  check(obj) {
    return [
      ...inPodSpec(obj, (spec, path, out) => {
        const sc = spec.securityContext;
        if (!sc || typeof sc !== 'object') return;
        for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) checkId(sc[field], `${path}.securityContext.${field}`, out);
        (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g: unknown, i: number) =>
          checkId(g, `${path}.securityContext.supplementalGroups[${i}]`, out));
      }),
      ...eachContainer(obj, (c, out) => {
        for (const field of ['runAsUser', 'runAsGroup']) checkId(c.container.securityContext?.[field], `${c.path}.securityContext.${field}`, out);
      }),
    ];
  },
};

function checkId(value: unknown, path: string, out: Violation[]): void {
  if (value === undefined || value === null) return;
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_ID) return;
  const field = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  out.push({ path, message: `${field} ${show(value)} is not a user or group id; use an integer from 0 to ${MAX_ID}` });
}
