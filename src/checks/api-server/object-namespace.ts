import { Severity } from '../finding';
import { DNS1123_LABEL_RULE, isDns1123Label } from '../formats';
import { ManifestRule, show } from '../rule';

/** An object's namespace, when set, is a DNS-1123 label (namespace names are labels, not subdomains). */
export const objectNamespace: ManifestRule = {
  id: 'object-namespace',
  description: 'a metadata.namespace that is not a DNS-1123 label',
  severity: Severity.ERROR,
  source: 'ValidateObjectMeta (ValidateNamespaceName = NameIsDNSLabel)',
  kinds: ['*'],
  check(obj) {
    const namespace = obj.metadata?.namespace;
    if (namespace === undefined || namespace === '' || isDns1123Label(namespace)) return [];
    return [{ path: 'metadata.namespace', message: `namespace ${show(namespace)} is not a DNS-1123 label; use ${DNS1123_LABEL_RULE}` }];
  },
};
