import { GRANTED_NOTE, GrantContext, scannerChecks, ScannerFormat } from './api';
import { Scanner } from './scanner';

/**
 * kube-linter reads `ignore-check.kube-linter.io/<check>: <comment>` on the object's metadata
 * (not the pod template's). The value is free text; kube-linter only checks the key. Which
 * checks each grant makes fire is part of its kind (`grant-kinds/`).
 */
export const kubeLinter: ScannerFormat = {
  scanner: Scanner.KUBE_LINTER,
  acknowledge({ grants }: GrantContext) {
    return {
      annotations: Object.fromEntries(scannerChecks(grants, 'kubeLinter').map(check => [`ignore-check.kube-linter.io/${check}`, GRANTED_NOTE])),
      podLabels: {},
    };
  },
};
