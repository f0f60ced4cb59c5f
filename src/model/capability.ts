/**
 * A Linux capability, as named in a container's `securityContext.capabilities`.
 *
 * An open set: the common capabilities node agents use are constants, and
 * `Capability.of()` accepts any other name. Names are normalised the way the
 * kernel spells them in Kubernetes manifests: upper case, without the `CAP_`
 * prefix (the API server compares `CAP_SYS_ADMIN` literally, so a prefixed name
 * would slip past its own checks).
 */
export class Capability {
  /** Perform network administration: interfaces, routes, iptables/nftables rules. */
  public static readonly NET_ADMIN = new Capability('NET_ADMIN');
  /** Use raw and packet sockets (ARP, ICMP, packet capture). */
  public static readonly NET_RAW = new Capability('NET_RAW');
  /** Bind to ports below 1024. The only capability Pod Security `restricted` allows. */
  public static readonly NET_BIND_SERVICE = new Capability('NET_BIND_SERVICE');
  /** Send broadcast and listen to multicast. */
  public static readonly NET_BROADCAST = new Capability('NET_BROADCAST');
  /** A broad set of administration operations, including mounts. Close to privileged. */
  public static readonly SYS_ADMIN = new Capability('SYS_ADMIN');
  /** Load and unload kernel modules. */
  public static readonly SYS_MODULE = new Capability('SYS_MODULE');
  /** Trace arbitrary processes (ptrace) and read their memory maps. */
  public static readonly SYS_PTRACE = new Capability('SYS_PTRACE');
  /** Override resource limits (for example the locked-memory limit for eBPF maps). */
  public static readonly SYS_RESOURCE = new Capability('SYS_RESOURCE');
  /** Set the system clock. */
  public static readonly SYS_TIME = new Capability('SYS_TIME');
  /** Use chroot(). */
  public static readonly SYS_CHROOT = new Capability('SYS_CHROOT');
  /** Load eBPF programs and create maps (kernel 5.8 and later). */
  public static readonly BPF = new Capability('BPF');
  /** Use perf events and eBPF tracing (kernel 5.8 and later). */
  public static readonly PERFMON = new Capability('PERFMON');
  /** Lock memory (mlock, large eBPF maps on older kernels). */
  public static readonly IPC_LOCK = new Capability('IPC_LOCK');
  /** Bypass file read, write and execute permission checks. */
  public static readonly DAC_OVERRIDE = new Capability('DAC_OVERRIDE');
  /** Bypass file read and directory search permission checks. */
  public static readonly DAC_READ_SEARCH = new Capability('DAC_READ_SEARCH');
  /** Change file ownership. */
  public static readonly CHOWN = new Capability('CHOWN');
  /** Bypass permission checks on operations that require the file owner. */
  public static readonly FOWNER = new Capability('FOWNER');
  /** Send signals to processes of other users. */
  public static readonly KILL = new Capability('KILL');
  /** Change the process group ID. */
  public static readonly SETGID = new Capability('SETGID');
  /** Change the process user ID. */
  public static readonly SETUID = new Capability('SETUID');
  /** Create special files with mknod(). */
  public static readonly MKNOD = new Capability('MKNOD');
  /** Write records to the kernel audit log. */
  public static readonly AUDIT_WRITE = new Capability('AUDIT_WRITE');

  /**
   * Any capability by name. `cap_net_admin`, `CAP_NET_ADMIN` and `NET_ADMIN` are the same capability.
   */
  public static of(name: string): Capability {
    return new Capability(Capability.normalise(name));
  }

  private static normalise(name: string): string {
    const upper = String(name).trim().toUpperCase();
    return upper.startsWith('CAP_') ? upper.slice('CAP_'.length) : upper;
  }

  /**
   * @param name the normalised name, as written to the manifest
   */
  private constructor(public readonly name: string) {}

  /** The name as written to the manifest. */
  public toString(): string {
    return this.name;
  }
}
