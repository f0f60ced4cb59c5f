import { ALLOWED, forbidden, joinQuote, PodSecurityLevel, PodSecurityCheck, pluralize, VersionedCheck } from './api';

/** Sysctls outside the namespaced, safe set are forbidden; the set grows by version. */
const SAFE_SYSCTLS: ReadonlyArray<[number, readonly string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function sysctlsCheck(minimumVersion: number): VersionedCheck {
  const allowed = new Set(SAFE_SYSCTLS.filter(([v]) => v <= minimumVersion).flatMap(([, names]) => names));
  return {
    minimumVersion,
    check(_metadata, spec) {
      const sysctls: any[] = Array.isArray(spec.securityContext?.sysctls) ? spec.securityContext.sysctls : [];
      const bad = sysctls.map((s, i) => ({ name: s?.name, i })).filter(s => !allowed.has(s.name));
      if (!bad.length) return ALLOWED;
      return forbidden('forbidden sysctls', `${pluralize('sysctl', 'sysctls', bad.length)} ${joinQuote(bad.map(b => String(b.name)))}`,
        bad.map(b => `spec.securityContext.sysctls[${b.i}].name`));
    },
  };
}

export const sysctls: PodSecurityCheck = {
  id: 'sysctls',
  level: PodSecurityLevel.BASELINE,
  versions: SAFE_SYSCTLS.map(([version]) => sysctlsCheck(version)),
};
