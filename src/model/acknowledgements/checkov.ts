import { GRANTED_NOTE, GrantContext, scannerChecks, ScannerFormat } from './api';
import { Scanner } from './scanner';

/**
 * Checkov reads `checkov.io/skip<N>: <CHECK_ID>=<comment>` on the object's top-level metadata
 * and shows the comment as the suppression's. It splits the value on "=", so the comment (a
 * pointer to the grants annotation, where the reasons are) contains none.
 */
export const checkov: ScannerFormat = {
  scanner: Scanner.CHECKOV,
  acknowledge({ grants }: GrantContext) {
    // checkov reads any `checkov.io/skip<N>`: N is the check's own number, so that each key is
    // the same whichever other checks are skipped.
    return {
      annotations: Object.fromEntries(scannerChecks(grants, 'checkov').map(check => [`checkov.io/skip${/\d+$/.exec(check)![0]}`, `${check}=${GRANTED_NOTE}`])),
      podLabels: {},
    };
  },
};
