import { PodSecurityLevel, PodSecurityCheck } from './api';
import { procMountCheck } from './check-proc-mount';

/** At restricted, the default /proc mask is required even in user namespaces (1.35+). */
export const procMountRestricted: PodSecurityCheck = {
  id: 'procMount_restricted',
  level: PodSecurityLevel.RESTRICTED,
  versions: [procMountCheck(35, false, ['procMount'])],
};
