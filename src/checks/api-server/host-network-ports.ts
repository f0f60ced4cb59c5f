import { joinPath, podTemplateOf } from '../../model/pod-template';
import { Severity } from '../finding';
import { ManifestRule, Violation } from '../rule';

/** With host networking a container's hostPort, when set, must equal its containerPort. */
export const hostNetworkPorts: ManifestRule = {
  id: 'host-network-ports',
  description: 'with hostNetwork, a hostPort that is set and differs from containerPort (in a Pod, any difference)',
  severity: Severity.ERROR,
  source: 'validatePodHostNetworkDeps',
  kinds: ['*'],
  check(obj) {
    const template = podTemplateOf(obj);
    if (!template || template.spec.hostNetwork !== true) return [];
    const isPod = obj.kind === 'Pod';
    const out: Violation[] = [];
    (Array.isArray(template.spec.containers) ? template.spec.containers : []).forEach((c: any, ci: number) => {
      (Array.isArray(c?.ports) ? c.ports : []).forEach((p: any, i: number) => {
        if ((isPod || p?.hostPort) && p?.hostPort !== p?.containerPort) {
          out.push({
            path: joinPath(template.path, `spec.containers[${ci}].ports[${i}].hostPort`),
            message: `hostPort ${p?.hostPort ?? 'unset'} differs from containerPort ${p?.containerPort} with hostNetwork: true; with host networking the container binds the node's port directly, so set hostPort to ${p?.containerPort} or leave it unset`,
          });
        }
      });
    });
    return out;
  },
};
