import { grantKind } from '../grant-kinds';
import { isQualifiedName } from '../qualified-name';
import { GrantContext, ScannerFormat } from './api';
import { Scanner } from './scanner';

/**
 * kubeaudit reads labels on the pod template: `container.kubeaudit.io/<container>.allow-<thing>`
 * for one container, `kubeaudit.io/allow-<thing>` for the pod. Label values are at most 63
 * characters without spaces, so the value is a short token and the reason stays in the grants
 * annotation. A key the API server would refuse (a name part over 63 characters, or not ending in a
 * letter or digit, as a capability `NET_` would make it) cannot be written, and is left out.
 */
export const kubeaudit: ScannerFormat = {
  scanner: Scanner.KUBEAUDIT,
  acknowledge({ grants, podSpec }: GrantContext) {
    const labels: Record<string, string> = {};
    for (const g of grants) {
      for (const thing of grantKind(g.privilege)?.scanners.kubeaudit(g, podSpec) ?? []) {
        const key = g.container ? `container.kubeaudit.io/${g.container}.${thing}` : `kubeaudit.io/${thing}`;
        if (isQualifiedName(key)) labels[key] = 'granted';
      }
    }
    return { annotations: {}, podLabels: labels };
  },
};
