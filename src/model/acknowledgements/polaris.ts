import { GrantContext, scannerChecks, ScannerFormat } from './api';
import { Scanner } from './scanner';

/**
 * Polaris reads `polaris.fairwinds.com/<check>-exempt: "true"` on the controller's metadata.
 * It keeps no reason: the reason stays in the grants annotation.
 */
export const polaris: ScannerFormat = {
  scanner: Scanner.POLARIS,
  acknowledge({ grants }: GrantContext) {
    return {
      annotations: Object.fromEntries(scannerChecks(grants, 'polaris').map(check => [`polaris.fairwinds.com/${check}-exempt`, 'true'])),
      podLabels: {},
    };
  },
};
