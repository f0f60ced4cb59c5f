import { Acknowledgements, GrantContext, ScannerFormat } from './api';
import { checkov } from './checkov';
import { kubeLinter } from './kube-linter';
import { kubeaudit } from './kubeaudit';
import { polaris } from './polaris';
import { Scanner } from './scanner';

/** Every scanner format the library writes. Adding a scanner is adding its file and a `Scanner`. */
export const SCANNER_FORMATS: readonly ScannerFormat[] = [kubeLinter, polaris, checkov, kubeaudit];

/** The acknowledgements of the chosen scanners (all of them unless told) for a set of grants, merged. */
export function scannerAcknowledgements(context: GrantContext, scanners: readonly Scanner[] = Scanner.all()): Acknowledgements {
  const annotations: Record<string, string> = {};
  const podLabels: Record<string, string> = {};
  for (const format of SCANNER_FORMATS) {
    if (!scanners.includes(format.scanner)) continue;
    const acks = format.acknowledge(context);
    Object.assign(annotations, acks.annotations);
    Object.assign(podLabels, acks.podLabels);
  }
  return { annotations, podLabels };
}
