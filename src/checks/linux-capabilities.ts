/**
 * The capabilities of Linux, as `include/uapi/linux/capability.h` names them without `CAP_`:
 * 0 (CHOWN) to 40 (CHECKPOINT_RESTORE, Linux 5.9, `CAP_LAST_CAP`). PERFMON and BPF need 5.8.
 * Container runtimes accept these names only; `ALL` stands for every one of them.
 */
export const LINUX_CAPABILITIES: readonly string[] = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP',
  'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER',
  'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE',
  'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP',
  'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ', 'PERFMON', 'BPF',
  'CHECKPOINT_RESTORE',
];

/** Where the list comes from, for messages. */
export const LINUX_CAPABILITIES_SOURCE = `the ${LINUX_CAPABILITIES.length} capabilities of Linux (include/uapi/linux/capability.h, CHOWN to CHECKPOINT_RESTORE)`;

/** The known capability closest to a misspelled one (at most two edits away), if any. */
export function closestCapability(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of LINUX_CAPABILITIES) {
    const d = editDistance(name, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
