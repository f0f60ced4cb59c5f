import { Severity } from '../finding';
import { DNS1123_SUBDOMAIN_RULE, isDns1123Subdomain } from '../formats';
import { ManifestRule, show } from '../rule';

/** Object names of the kinds we emit are DNS-1123 subdomains. */
export const objectName: ManifestRule = {
  id: 'object-name',
  description: 'names of DaemonSets, PriorityClasses, ResourceQuotas, ServiceAccounts, roles, bindings and Namespaces that are not DNS-1123 subdomains',
  severity: Severity.ERROR,
  source: 'ValidateObjectMeta with NameIsDNSSubdomain (ValidateDaemonSetName, ValidatePriorityClass, ValidateResourceQuota)',
  kinds: ['DaemonSet', 'PriorityClass', 'ResourceQuota', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Namespace'],
  check(obj) {
    const name = obj.metadata?.name;
    if (isDns1123Subdomain(name)) return [];
    return [{ path: 'metadata.name', message: `name ${show(name)} is not a DNS-1123 subdomain; use ${DNS1123_SUBDOMAIN_RULE}` }];
  },
};
