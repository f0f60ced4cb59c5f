import { joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule } from '../rule';

/**
 * With host networking, `ClusterFirst` (the default) silently falls back to the node's
 * resolver: agents that resolve Services fail, and the choice is invisible in the manifest.
 */
export const hostNetworkDns: ManifestRule = {
  id: 'host-network-dns',
  description: 'hostNetwork with dnsPolicy unset or ClusterFirst, which silently means the node\'s resolver',
  severity: Severity.WARNING,
  source: 'kubernetes/kubernetes#17406, kubernetes/dns#316',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template || template.spec.hostNetwork !== true) return [];
    const policy = template.spec.dnsPolicy;
    if (policy !== undefined && policy !== 'ClusterFirst') return [];
    return [{
      path: joinPath(template.path, 'spec.dnsPolicy'),
      message: `hostNetwork with dnsPolicy ${policy ?? 'unset (ClusterFirst)'} silently uses the node's resolver; choose Default (node DNS, for CNI and kube-proxy) or ClusterFirstWithHostNet (cluster DNS) explicitly`,
    }];
  },
};
