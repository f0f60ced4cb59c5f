import { Acknowledgements, GrantContext, Scanner } from './api';
import { checkov } from './checkov';
import { kubeLinter } from './kube-linter';
import { kubeaudit } from './kubeaudit';
import { polaris } from './polaris';

/** Every scanner whose acknowledgements the library writes. Adding one is adding its file. */
export const SCANNERS: readonly Scanner[] = [kubeLinter, polaris, checkov, kubeaudit];

/** The acknowledgements of every scanner for a set of grants, merged. */
export function scannerAcknowledgements(context: GrantContext): Acknowledgements {
  const annotations: Record<string, string> = {};
  const podLabels: Record<string, string> = {};
  for (const scanner of SCANNERS) {
    const acks = scanner.acknowledge(context);
    Object.assign(annotations, acks.annotations);
    Object.assign(podLabels, acks.podLabels);
  }
  return { annotations, podLabels };
}
