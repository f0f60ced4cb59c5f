import { Severity } from '../finding';
import { eachContainer, ManifestRule } from '../rule';

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** A credential written as a plain env value is stored in the manifest and readable by anyone who can read the object. */
export const credentialsInEnv: ManifestRule = {
  id: 'credentials-in-env',
  description: 'passwords, tokens and keys as plain env values',
  severity: Severity.WARNING,
  source: 'filebeat\'s ELASTICSEARCH_PASSWORD as a plain env value (elastic/beats deploy/kubernetes/filebeat-kubernetes.yaml)',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      (Array.isArray(c.container.env) ? c.container.env : []).forEach((e: any, i: number) => {
        const value = e?.value;
        if (typeof e?.name !== 'string' || !SECRET_NAME.test(e.name) || typeof value !== 'string' || value === '' || /^\$\(.+\)$/.test(value)) return;
        out.push({ path: `${c.path}.env[${i}].value`, message: `${e.name} in container "${c.container.name}" is a plain value in the manifest; take it from a Secret (valueFrom.secretKeyRef)` });
      });
    });
  },
};
