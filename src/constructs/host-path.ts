import * as kplus from 'cdk8s-plus-28';
import { normaliseHostPath } from '../model/host-path';

/**
 * A path on the node, with the hostPath type Kubernetes checks before mounting it.
 *
 * Presets carry the right type for the well-known paths node agents mount: an untyped
 * mount of a path that does not exist yet is created as a directory, which is how
 * `/run/xtables.lock` ends up a directory and kube-proxy never starts.
 */
export class HostPath {
  /** The iptables lock file shared with the node and other agents. Created as a file if missing. */
  public static readonly XTABLES_LOCK = new HostPath('/run/xtables.lock', kplus.HostPathVolumeType.FILE_OR_CREATE);
  /** Kernel modules of the node, for agents that load modules (IPVS, WireGuard, eBPF helpers). */
  public static readonly LIB_MODULES = new HostPath('/lib/modules', kplus.HostPathVolumeType.DIRECTORY);
  /** CNI network configuration directory. */
  public static readonly CNI_CONFIG = new HostPath('/etc/cni/net.d', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE);
  /** CNI plugin binaries directory. */
  public static readonly CNI_BIN = new HostPath('/opt/cni/bin', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE);
  /** The node's logs. */
  public static readonly VAR_LOG = new HostPath('/var/log', kplus.HostPathVolumeType.DIRECTORY);
  /** Container logs written by the kubelet (symlinks into /var/log/pods). */
  public static readonly VAR_LOG_CONTAINERS = new HostPath('/var/log/containers', kplus.HostPathVolumeType.DIRECTORY);
  /** Pod logs written by the kubelet. */
  public static readonly VAR_LOG_PODS = new HostPath('/var/log/pods', kplus.HostPathVolumeType.DIRECTORY);
  /** The node's procfs. */
  public static readonly PROC = new HostPath('/proc', kplus.HostPathVolumeType.DIRECTORY);
  /** The node's sysfs. */
  public static readonly SYS = new HostPath('/sys', kplus.HostPathVolumeType.DIRECTORY);
  /** The BPF filesystem, where pinned eBPF maps and programs live. */
  public static readonly SYS_FS_BPF = new HostPath('/sys/fs/bpf', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE);
  /** The node's devices. */
  public static readonly DEV = new HostPath('/dev', kplus.HostPathVolumeType.DIRECTORY);
  /** The node's root filesystem. Mount it read-only, if at all. */
  public static readonly ROOT = new HostPath('/', kplus.HostPathVolumeType.DIRECTORY);
  /** The kubelet's device-plugin socket directory. */
  public static readonly KUBELET_DEVICE_PLUGINS = new HostPath('/var/lib/kubelet/device-plugins', kplus.HostPathVolumeType.DIRECTORY);
  /** The kubelet's plugin registration directory (CSI node plugins register here). */
  public static readonly KUBELET_PLUGINS_REGISTRY = new HostPath('/var/lib/kubelet/plugins_registry', kplus.HostPathVolumeType.DIRECTORY);
  /** The kubelet's state directory, where pod volumes are mounted. */
  public static readonly KUBELET_DIR = new HostPath('/var/lib/kubelet', kplus.HostPathVolumeType.DIRECTORY);
  /** The containerd socket: root on the node for whoever can connect, even through a read-only mount. */
  public static readonly CONTAINERD_SOCKET = new HostPath('/run/containerd/containerd.sock', kplus.HostPathVolumeType.SOCKET);
  /** The CRI-O socket: root on the node for whoever can connect, even through a read-only mount. */
  public static readonly CRIO_SOCKET = new HostPath('/run/crio/crio.sock', kplus.HostPathVolumeType.SOCKET);
  /** The node's machine id, used by log shippers to tag records. */
  public static readonly MACHINE_ID = new HostPath('/etc/machine-id', kplus.HostPathVolumeType.FILE);

  /**
   * Any path on the node.
   *
   * @param path absolute path on the node
   * @param type what Kubernetes checks (or creates) before mounting. Prefer a specific type:
   * with the default, a missing path is silently created as a directory.
   */
  public static of(path: string, type: kplus.HostPathVolumeType = kplus.HostPathVolumeType.DEFAULT): HostPath {
    return new HostPath(path, type);
  }

  private constructor(
    /** The path on the node, as written to the manifest. */
    public readonly path: string,
    /** The hostPath type. */
    public readonly type: kplus.HostPathVolumeType,
  ) {}

  /** The path with `//`, `.`, `..` and trailing `/` resolved, for comparisons. */
  public get normalisedPath(): string {
    return normaliseHostPath(this.path);
  }
}
