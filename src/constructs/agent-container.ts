import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HostPath } from './host-path';
import type { NodeAgentDaemonSet } from './node-agent-daemon-set';
import { Capability } from '../model/capability';
import { Grant, GrantOptions, Privilege } from '../model/grant';
import { GRANT_KINDS, grantKind } from '../model/grant-kinds';
import { normaliseHostPath } from '../model/host-path';
import { containerSecurityContext, runsAsRoot } from './private/security-context';

/**
 * Options for mounting a path of the node into a container.
 */
export interface HostPathMountOptions extends GrantOptions {
  /**
   * Where the path appears in the container.
   * @default - the same path as on the node
   */
  readonly mountPath?: string;
  /**
   * Mount read-write. Host mounts are read-only unless this is set: a writable mount of
   * a node path is a separate, explicit grant.
   * @default false
   */
  readonly writable?: boolean;
  /**
   * Mount propagation. `BIDIRECTIONAL` needs a privileged container.
   * @default - none (kubelet default, `None`)
   */
  readonly propagation?: kplus.MountPropagation;
  /**
   * A sub-path of the host path to mount.
   * @default - the whole path
   */
  readonly subPath?: string;
  /**
   * Acknowledge that the path is sensitive (a runtime socket, the kubelet's directory, node
   * credentials, or a system directory mounted writable, as docs/SENSITIVE-HOST-PATHS.md lists).
   * Such a mount is refused without it. It covers this mount's access mode only.
   * @default false
   */
  readonly allowSensitive?: boolean;
}

/**
 * A host path mount declared in container props.
 */
export interface HostPathMount extends HostPathMountOptions {
  /** The path on the node. */
  readonly hostPath: HostPath;
}

/**
 * Options for binding a port on the node.
 */
export interface HostPortOptions extends GrantOptions {
  /**
   * The port the container listens on.
   * @default - the host port (required to be equal with host networking)
   */
  readonly containerPort?: number;
  /**
   * The protocol.
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;
  /**
   * An IANA service name for the port (at most 15 characters).
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * The node address to bind.
   * @default - every address of the node
   */
  readonly hostIp?: string;
}

/**
 * A host port declared in container props.
 */
export interface HostPortGrant extends HostPortOptions {
  /** The port on the node. */
  readonly hostPort: number;
}

/**
 * Capabilities declared in container props.
 */
export interface CapabilitiesGrant extends GrantOptions {
  /** The capabilities to add. Every other capability is dropped. */
  readonly add: Capability[];
}

/**
 * Where the kubelet takes a terminated container's message from.
 */
export enum TerminationMessagePolicy {
  /** Only the termination message file (the Kubernetes default). */
  FILE = 'File',
  /** The file, or the end of the log when the file is empty and the container failed. */
  FALLBACK_TO_LOGS_ON_ERROR = 'FallbackToLogsOnError',
}

/**
 * Properties of a node-agent container: the props of cdk8s-plus' `ContainerProps` (same names
 * and types, so a `kplus.ContainerProps` object is accepted as it is), plus the host access the
 * container is granted. Each grant can carry its reason.
 *
 * `imagePullPolicy`, `resources` and `securityContext` have other defaults here than in
 * cdk8s-plus, and a hostPath volume in `volumeMounts` is mounted read-only.
 */
export interface NodeAgentContainerProps {
  /** The container image. */
  readonly image: string;
  /**
   * The container's name, a DNS label unique in the pod.
   * @default 'main' for a container; `init-N` for an init container, N the number of init containers added before it
   */
  readonly name?: string;
  /**
   * A TCP port the container listens on.
   * @deprecated use `portNumber` (setting both is reported at synth)
   * @default - none
   */
  readonly port?: number;
  /**
   * A TCP port the container listens on, added to `ports`: a shorthand for one port.
   * @default - only the ports of `ports`
   */
  readonly portNumber?: number;
  /**
   * Ports the container listens on. A port with a `hostPort` is recorded as a host-port grant
   * (`hostPorts` carries a reason); a port whose name, or number and protocol, the container
   * already has is reported at synth.
   * @default - only the port of `portNumber`
   */
  readonly ports?: kplus.ContainerPort[];
  /**
   * The entrypoint, run without a shell. `$(VAR)` references to the container's environment are expanded.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint. `$(VAR)` references to the container's environment are expanded.
   * @default - none: the image's CMD, unless `command` is set
   */
  readonly args?: string[];
  /**
   * The working directory of the container's process.
   * @default - the image's working directory
   */
  readonly workingDir?: string;
  /**
   * Environment variables, by name. They win over a variable of the same name from `envFrom`.
   * @default - none
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };
  /**
   * Sources of environment variables (ConfigMaps, Secrets). A key in several takes its value
   * from the last one. `optionalEnvFromConfigMaps` are added after them.
   * @default - none
   */
  readonly envFrom?: kplus.EnvFrom[];
  /**
   * Volumes to mount. A hostPath volume mounted here is read-only unless its mount sets
   * `readOnly: false` (cdk8s-plus mounts read-write by default), and is recorded as a host-path
   * grant (`hostPaths` carries a reason).
   * @default - none
   */
  readonly volumeMounts?: kplus.VolumeMount[];
  /**
   * When the kubelet pulls the image. The default is not cdk8s-plus' `ALWAYS`, which makes every
   * restart on every node depend on the registry.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * When the container is ready to serve traffic. Not on an init container, unless a sidecar.
   * @default - none
   */
  readonly readiness?: kplus.Probe;
  /**
   * When the kubelet restarts the container. Not on an init container, unless a sidecar.
   * @default - none
   */
  readonly liveness?: kplus.Probe;
  /**
   * When the container has started: no other probe runs before it succeeds. Not on an init
   * container, unless a sidecar.
   * @default - a TCP probe of `portNumber` when it is set (not on an init container that is not a sidecar), none otherwise
   */
  readonly startup?: kplus.Probe;
  /**
   * Handlers the kubelet runs after the container starts and before it stops. Not on an init
   * container, unless a sidecar.
   * @default - none
   */
  readonly lifecycle?: kplus.ContainerLifecycle;
  /**
   * CPU and memory requests and limits. When set, they are written as given: nothing of the
   * default is merged in.
   * @default - requests 50m CPU and 64Mi memory, a 256Mi memory limit, no CPU limit, sized for
   * an agent on every node (cdk8s-plus: 1000m/512Mi requests, 1500m/2048Mi limits)
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * The container's security settings. Each field set here is written as given, over what the
   * grants derive (for `capabilities`: `drop` as given, or `ALL`, and `add` every granted
   * capability, these included). Host access asked for here (`privileged`, added capabilities,
   * `ensureNonRoot: false` or `user: 0`, `readOnlyRootFilesystem: false`, `Unconfined` seccomp)
   * is recorded as a grant, without a reason.
   * @default - derived from the container's grants, each setting lifted only by the grant that
   * needs it: `allowPrivilegeEscalation: false` (not with privileged or SYS_ADMIN); capabilities
   * drop `ALL` and add exactly the granted ones (none written when privileged); seccomp
   * `RuntimeDefault` (`Unconfined` with `grantUnconfinedSeccomp`, none when privileged);
   * `runAsNonRoot: true` (not with privileged, capabilities or `runAsRoot`); read-only root
   * filesystem (not with `writableRootFilesystem`); SELinux options only with `grantSeLinuxType`.
   * No `runAsUser` or `runAsGroup`: the image's user applies (cdk8s-plus documents 25000/26000).
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
  /**
   * `ContainerRestartPolicy.ALWAYS` makes an init container a sidecar: started before the
   * containers and kept running. Only for init containers: on a container it is reported at synth.
   * @default - none: an init container runs to completion
   */
  readonly restartPolicy?: kplus.ContainerRestartPolicy;
  /**
   * Run the container privileged: every capability and device of the node.
   * Prefer `capabilities` when named capabilities suffice.
   * @default - not privileged
   */
  readonly privileged?: GrantOptions;
  /**
   * Linux capabilities to add. Every other capability is dropped.
   * @default - none: all capabilities dropped
   */
  readonly capabilities?: CapabilitiesGrant;
  /**
   * Paths of the node to mount, read-only unless `writable` is set.
   * @default - none
   */
  readonly hostPaths?: HostPathMount[];
  /**
   * Ports to bind on the node.
   * @default - none
   */
  readonly hostPorts?: HostPortGrant[];
  /**
   * Allow the container to run as root: `runAsNonRoot: true` is not written for it (nor at pod
   * level), so an image whose user is root starts. It does not make the container run as user 0:
   * the image's user applies; set `securityContext.user: 0` to force root. Implied by
   * `privileged` and `capabilities`.
   * @default - `runAsNonRoot: true`: an image whose user is root is refused by the kubelet
   */
  readonly runAsRoot?: GrantOptions;
  /**
   * Make the container's root filesystem writable.
   * @default - read-only root filesystem
   */
  readonly writableRootFilesystem?: GrantOptions;
  /**
   * Where the kubelet takes the termination message from.
   * @default - Kubernetes' default, TerminationMessagePolicy.FILE
   */
  readonly terminationMessagePolicy?: TerminationMessagePolicy;
  /**
   * ConfigMaps whose keys become environment variables when the ConfigMap exists, and are
   * skipped when it does not (cdk8s-plus' `envFrom` cannot mark a source optional).
   * @default - none
   */
  readonly optionalEnvFromConfigMaps?: string[];
}

/**
 * Resources sized for an agent that runs on every node: a small request, a memory limit,
 * no CPU limit (throttling a node agent hurts the whole node).
 */
const AGENT_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(50) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
};

/**
 * A container of a `NodeAgentDaemonSet`. Create it with `addContainer()` or
 * `addInitContainer()`; grant host access with its `grant*` and `mountHostPath` methods.
 *
 * @example
 * import { App, Chart } from 'cdk8s';
 * import { HostPath, NodeAgentDaemonSet } from 'cdk8s-node-agents';
 *
 * const app = new App();
 * const chart = new Chart(app, 'logging', { namespace: 'kube-system' });
 * const shipper = new NodeAgentDaemonSet(chart, 'fluent-bit');
 * const container = shipper.addContainer({ name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:4.0.3' });
 * container.grantRunAsRoot({ reason: 'reads log files only root may read' });
 * container.mountHostPath(HostPath.VAR_LOG, { reason: 'tails the node and container logs' });
 * app.synth();
 */
export class AgentContainer extends kplus.Container {
  /** @internal */
  public static _create(agent: NodeAgentDaemonSet, props: NodeAgentContainerProps, role: ContainerRole = 'containers'): AgentContainer {
    return new AgentContainer(agent, props, role);
  }

  private readonly userSecurityContext?: kplus.ContainerSecurityContextProps;
  private readonly terminationMessagePolicy?: TerminationMessagePolicy;
  private readonly optionalEnvFrom: string[];

  private constructor(private readonly agent: NodeAgentDaemonSet, props: NodeAgentContainerProps, private readonly role: ContainerRole) {
    // cdk8s-plus throws on some props while building the container; they are reported with the
    // agent's other problems at synth instead (see propsCdk8sPlusAccepts).
    const accepted = propsCdk8sPlusAccepts(props, role);
    super({
      ...accepted.props,
      resources: props.resources ?? AGENT_RESOURCES,
      imagePullPolicy: props.imagePullPolicy ?? kplus.ImagePullPolicy.IF_NOT_PRESENT,
    });
    for (const problem of accepted.problems) this.reportProblem(problem);
    this.userSecurityContext = props.securityContext;
    this.terminationMessagePolicy = props.terminationMessagePolicy;
    this.optionalEnvFrom = [...props.optionalEnvFromConfigMaps ?? []];
    this.recordSecurityContextGrants(props.securityContext);

    if (props.privileged) this.grantPrivileged(props.privileged);
    if (props.capabilities) this.grantCapabilities(props.capabilities.add, props.capabilities);
    if (props.runAsRoot) this.grantRunAsRoot(props.runAsRoot);
    if (props.writableRootFilesystem) this.grantWritableRootFilesystem(props.writableRootFilesystem);
    for (const mount of props.hostPaths ?? []) this.mountHostPath(mount.hostPath, mount);
    for (const port of props.hostPorts ?? []) this.grantHostPort(port.hostPort, port);
    // Host access set through the plain cdk8s-plus props is recorded too (without a reason).
    // Host mounts given as plain volumeMounts are read-only unless readOnly: false is explicit.
    this.mounts.forEach((mount, i) => {
      if (mount.volume._toKube().hostPath && mount.readOnly === undefined) this.mounts[i] = { ...mount, readOnly: true };
      this.recordHostPathMount(this.mounts[i]);
    });
    for (const port of this.ports) this.recordHostPort(port);
  }

  /**
   * Grants host access of a container kind that names nothing, such as `Privilege.RUN_AS_ROOT`
   * or `Privilege.UNCONFINED_SECCOMP`: what the `grant...` methods of those kinds call, and how a
   * kind without a method of its own is granted. Kinds that name what they grant have their own
   * method (`grantCapabilities`, `mountHostPath`, `grantHostPort`, `grantSeLinuxType`); host
   * namespaces are props of the `NodeAgentDaemonSet`. Any other value is reported at synth, with
   * the values accepted.
   *
   * @example container.grant(Privilege.UNCONFINED_SECCOMP, { reason: 'loads eBPF programs' });
   */
  public grant(privilege: Privilege, options: GrantOptions = {}): void {
    const kind = grantKind(privilege);
    if (kind?.scope === 'container' && !kind.targeted) {
      this.record(kind.privilege, options);
      return;
    }
    const why = !kind ? 'is not a privilege'
      : kind.scope === 'pod' ? 'is granted to the pod, with a prop of the NodeAgentDaemonSet'
        : 'names what it grants, with its own grant method';
    const accepted = GRANT_KINDS.filter(k => k.scope === 'container' && !k.targeted).map(k => k.privilege);
    this.reportProblem(`grant: ${JSON.stringify(privilege)} ${why}; accepted: ${accepted.join(', ')}`);
  }

  /** Runs the container privileged. Prefer `grantCapabilities` when named capabilities suffice. */
  public grantPrivileged(options: GrantOptions = {}): void {
    this.grant(Privilege.PRIVILEGED, options);
  }

  /** Adds Linux capabilities. Every capability not granted is dropped. */
  public grantCapabilities(capabilities: Capability[], options: GrantOptions = {}): void {
    for (const capability of capabilities) {
      this.record(Privilege.CAPABILITY, { ...options, capability: capability.name });
    }
  }

  /**
   * Allows the container to run as root: lifts `runAsNonRoot` (container and pod level), so that
   * an image whose user is root starts. The image's user still applies; it does not set
   * `runAsUser: 0` (set `securityContext.user: 0` for that).
   */
  public grantRunAsRoot(options: GrantOptions = {}): void {
    this.grant(Privilege.RUN_AS_ROOT, options);
  }

  /** Makes the container's root filesystem writable. */
  public grantWritableRootFilesystem(options: GrantOptions = {}): void {
    this.grant(Privilege.WRITABLE_ROOT_FILESYSTEM, options);
  }

  /**
   * Runs the container without AppArmor confinement (for agents that mount filesystems or load
   * eBPF programs on AppArmor hosts). Written as the AppArmor annotation, which every Kubernetes
   * version honours.
   */
  public grantUnconfinedAppArmor(options: GrantOptions = {}): void {
    this.grant(Privilege.UNCONFINED_APP_ARMOR, options);
  }

  /**
   * Runs the container with an SELinux type other than the container types, such as `spc_t`
   * (super-privileged container), with level `s0`.
   */
  public grantSeLinuxType(type: string, options: GrantOptions = {}): void {
    this.record(Privilege.SE_LINUX_TYPE, { reason: options.reason, seLinuxType: type });
  }

  /**
   * Takes environment variables from a ConfigMap if it exists, and starts without them if not.
   */
  public addOptionalEnvFromConfigMap(name: string): void {
    this.optionalEnvFrom.push(name);
  }

  /** Runs the container without a seccomp filter. */
  public grantUnconfinedSeccomp(options: GrantOptions = {}): void {
    this.grant(Privilege.UNCONFINED_SECCOMP, options);
  }

  /** Mounts a path of the node, read-only unless `writable` is set. */
  public mountHostPath(hostPath: HostPath, options: HostPathMountOptions = {}): void {
    const volume = this.agent._hostPathVolume(hostPath);
    super.mount(options.mountPath ?? hostPath.path, volume, {
      readOnly: !options.writable,
      propagation: options.propagation,
      subPath: options.subPath,
    });
    const path = normaliseHostPath(hostPath.path);
    this.record(Privilege.HOST_PATH, { reason: options.reason, path, writable: !!options.writable });
    if (options.allowSensitive) this.agent._allowSensitive(this.name, path, !!options.writable);
  }

  /** Binds a port on the node. */
  public grantHostPort(hostPort: number, options: HostPortOptions = {}): void {
    const port: kplus.ContainerPort = {
      number: options.containerPort ?? hostPort,
      hostPort,
      protocol: options.protocol,
      name: options.name,
      hostIp: options.hostIp,
    };
    if (!this.acceptPort(port)) return;
    super.addPort(port);
    this.recordHostPort(port, options.reason);
  }

  /**
   * Mounts a volume. A hostPath volume mounted this way is read-only unless
   * `readOnly: false` is given explicitly, and is recorded as a grant.
   */
  public mount(path: string, storage: kplus.IStorage, options: kplus.MountOptions = {}): void {
    const hostPath = storage.asVolume()._toKube().hostPath;
    super.mount(path, storage, hostPath ? { ...options, readOnly: options.readOnly ?? true } : options);
    if (hostPath) this.recordHostPathMount(this.mounts[this.mounts.length - 1]);
  }

  /**
   * Adds a port. A port with a `hostPort` is recorded as a grant; a port whose name, or number
   * and protocol, the container already has is reported at synth, not added.
   */
  public addPort(port: kplus.ContainerPort): void {
    // The base constructor adds the ports of its props (checked beforehand) before `agent` is set;
    // they are recorded after.
    if (this.agent && !this.acceptPort(port)) return;
    super.addPort(port);
    if (this.agent) this.recordHostPort(port);
  }

  /** @internal */
  public _toKube(): kplus.k8s.Container {
    const grants = this.agent._hostAccess.ofContainer(this.name);
    const kube = super._toKube();
    const optional = this.optionalEnvFrom.map(name => ({ configMapRef: { name, optional: true } }));
    return {
      ...kube,
      envFrom: optional.length ? [...kube.envFrom ?? [], ...optional] : kube.envFrom,
      terminationMessagePolicy: this.terminationMessagePolicy,
      securityContext: containerSecurityContext(grants, this.userSecurityContext),
    };
  }

  /** The agent that made this container and records its grants. @internal */
  public get _agent(): NodeAgentDaemonSet {
    return this.agent;
  }

  /** @internal */
  public _runsAsRoot(): boolean {
    return runsAsRoot(this.agent._hostAccess.ofContainer(this.name), this.userSecurityContext);
  }

  /** A port cdk8s-plus would refuse is reported with the agent's problems at synth instead. */
  private acceptPort(port: kplus.ContainerPort): boolean {
    const problem = duplicatePort(this.ports, port, this.ports.length, this.name);
    if (problem) this.reportProblem(problem);
    return !problem;
  }

  private reportProblem(problem: string): void {
    this.agent._reportConstructionError(`${this.role}["${this.name}"].${problem}`);
  }

  private record(privilege: Privilege, details: Omit<Grant, 'privilege' | 'container'>): void {
    this.agent._hostAccess.add({ privilege, container: this.name, ...details });
  }

  private recordHostPort(port: kplus.ContainerPort, reason?: string): void {
    if (!port.hostPort) return;
    this.record(Privilege.HOST_PORT, { reason, port: port.hostPort, protocol: port.protocol ?? kplus.Protocol.TCP });
  }

  private recordHostPathMount(mount: kplus.VolumeMount): void {
    const hostPath = mount.volume._toKube().hostPath;
    if (!hostPath) return;
    this.record(Privilege.HOST_PATH, { path: normaliseHostPath(hostPath.path), writable: mount.readOnly !== true });
  }

  /** Host access asked for through `securityContext` is a grant like any other. */
  private recordSecurityContextGrants(sc: kplus.ContainerSecurityContextProps | undefined): void {
    if (!sc) return;
    if (sc.privileged) this.grantPrivileged();
    for (const cap of sc.capabilities?.add ?? []) this.record(Privilege.CAPABILITY, { capability: Capability.of(String(cap)).name });
    if (sc.ensureNonRoot === false || sc.user === 0) this.grantRunAsRoot();
    if (sc.readOnlyRootFilesystem === false) this.grantWritableRootFilesystem();
    if (sc.seccompProfile?.type === kplus.SeccompProfileType.UNCONFINED) this.grantUnconfinedSeccomp();
  }
}

/** Where a container sits in the pod: its problems are reported under that field. @internal */
export type ContainerRole = 'containers' | 'initContainers';

/** Why cdk8s-plus would refuse the port at `index` next to `ports` (as `ports[index]: ...`), or undefined. */
function duplicatePort(ports: kplus.ContainerPort[], port: kplus.ContainerPort, index: number, container: string): string | undefined {
  const at = `ports[${index}]`;
  if (port.name && ports.some(p => p.name === port.name)) {
    return `${at}: port name "${port.name}" is declared twice in container "${container}"; give each port its own name`;
  }
  const protocol = port.protocol ?? kplus.Protocol.TCP;
  if (ports.some(p => p.number === port.number && (p.protocol ?? kplus.Protocol.TCP) === protocol)) {
    return `${at}: port ${port.number}/${protocol} is declared twice in container "${container}"; declare each port number and protocol once per container`;
  }
  return undefined;
}

/** Props the API server accepts on an init container only when it is a sidecar. */
const SIDECAR_ONLY = ['readiness', 'liveness', 'startup', 'lifecycle'] as const;

/**
 * The props with what cdk8s-plus throws on taken out, and the problems to report instead:
 * ports it would refuse as duplicates, `port` together with `portNumber`, a restartPolicy on a
 * regular container (cdk8s-plus throws when the pod is rendered), probes and lifecycle handlers
 * of an init container that is not a sidecar (the API server refuses them). A seccomp
 * `localhostProfile` with another type is kept out of cdk8s-plus only: the container still
 * renders it from the user's securityContext, and the `seccomp-profile` rule reports it.
 */
function propsCdk8sPlusAccepts(props: NodeAgentContainerProps, role: ContainerRole): { props: kplus.ContainerProps; problems: string[] } {
  const problems: string[] = [];
  const restartPolicy = role === 'containers' ? undefined : props.restartPolicy;
  if (props.restartPolicy !== undefined && role === 'containers') {
    problems.push(`restartPolicy: "${props.restartPolicy}" is only for init containers (restartPolicy: Always makes one a sidecar); remove it, or add the container with addInitContainer()`);
  }
  let portNumber = props.portNumber ?? props.port;
  if (props.port !== undefined && props.portNumber !== undefined) {
    problems.push(`port: both port (deprecated) and portNumber are set (${props.port} and ${props.portNumber}); set portNumber only`);
    portNumber = props.portNumber;
  }
  const kept: kplus.ContainerPort[] = portNumber !== undefined ? [{ number: portNumber }] : [];
  const ports: kplus.ContainerPort[] = [];
  (props.ports ?? []).forEach((port, i) => {
    const problem = duplicatePort(kept, port, i, props.name ?? 'main');
    if (problem) {
      problems.push(problem);
    } else {
      kept.push(port);
      ports.push(port);
    }
  });
  const seccomp = props.securityContext?.seccompProfile;
  const securityContext = seccomp?.localhostProfile && seccomp.type !== kplus.SeccompProfileType.LOCALHOST
    ? { ...props.securityContext, seccompProfile: { type: seccomp.type } }
    : props.securityContext;
  // The API server refuses probes and lifecycle handlers on an init container that is not a
  // sidecar (cdk8s-plus throws on the first probe): each is reported, and left out. cdk8s-plus
  // also derives a startup probe from a portNumber: there the port goes into `ports` instead.
  const runsToCompletion = role === 'initContainers' && restartPolicy !== kplus.ContainerRestartPolicy.ALWAYS;
  for (const field of runsToCompletion ? SIDECAR_ONLY : []) {
    if (props[field] === undefined) continue;
    const [what, it] = field === 'lifecycle' ? ['lifecycle handlers', 'the handlers'] : ['probes', 'the probe'];
    problems.push(`${field}: init containers cannot have ${what} unless they are sidecars; remove ${it} or set restartPolicy: ContainerRestartPolicy.ALWAYS`);
  }
  const portProps = runsToCompletion && portNumber !== undefined
    ? { portNumber: undefined, ports: [{ number: portNumber }, ...ports] }
    : { portNumber, ports };
  const leftOut = runsToCompletion ? { readiness: undefined, liveness: undefined, startup: undefined, lifecycle: undefined } : {};
  return { props: { ...containerProps(props), ...leftOut, port: undefined, ...portProps, securityContext, restartPolicy }, problems };
}

/**
 * The cdk8s-plus props of a node-agent container, without the library's own. Every key is
 * required in the result type, so the compiler flags one that cdk8s-plus adds and this misses.
 */
function containerProps(p: NodeAgentContainerProps): { [K in keyof Required<kplus.ContainerProps>]: kplus.ContainerProps[K] } {
  return {
    image: p.image,
    name: p.name,
    port: p.port,
    portNumber: p.portNumber,
    ports: p.ports,
    command: p.command,
    args: p.args,
    workingDir: p.workingDir,
    envVariables: p.envVariables,
    envFrom: p.envFrom,
    volumeMounts: p.volumeMounts,
    imagePullPolicy: p.imagePullPolicy,
    readiness: p.readiness,
    liveness: p.liveness,
    startup: p.startup,
    lifecycle: p.lifecycle,
    resources: p.resources,
    securityContext: p.securityContext,
    restartPolicy: p.restartPolicy,
  };
}
