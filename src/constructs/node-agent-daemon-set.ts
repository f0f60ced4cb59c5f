import { ApiObject, ApiObjectMetadata, Chart, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentContainer, NodeAgentContainerProps } from './agent-container';
import { AgentTolerations } from './agent-tolerations';
import { AgentUpdateStrategy } from './agent-update-strategy';
import { CriticalPodsQuota } from './critical-pods-quota';
import { GrantPolicy } from './grant-policy';
import { HostNetworkDns, HostNetworkOptions } from './host-network';
import { HostPath } from './host-path';
import { PodSecurityReport } from './pod-security-report';
import { IPriorityClass, PriorityClass } from './priority-class';
import { AppChecks } from './private/app-checks';
import { checkRendered, RENDER_FAILURE, renderFailure, rootMessage, ValidationMessages } from './private/manifest-validation';
import { podRenderProblem } from './private/pod-render-problem';
import { dropUndefined } from './private/security-context';
import { PassMemo, ValidationPasses } from './private/validation-passes';
import { ScannerAcknowledgements } from './scanner-acknowledgements';
import { ValidationPolicy } from './validation-policy';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { leastPrivilegedLevel, parsePolicyVersion, policyVersionName, requiredPodSecurityLevel } from '../checks/pod-security/registry';
import { SCANNER_FORMATS, scannerAcknowledgements } from '../model/acknowledgements';
import { Grant, GrantOptions, Privilege } from '../model/grant';
import { describeGrant, grantKind } from '../model/grant-kinds';
import { PodDraft } from '../model/grant-kinds/api';
import { encodeGrants, GRANTS_ANNOTATION } from '../model/grants-annotation';
import { HeldAccess, heldAccessOf } from '../model/held-access';
import { HostAccess } from '../model/host-access';
import { hostPathVolumeName, normaliseHostPath } from '../model/host-path';
import { sensitiveHostPath } from '../model/sensitive-host-paths';
import { grantsBehind } from '../model/violation-grants';

/**
 * Properties of a `NodeAgentDaemonSet`.
 */
export interface NodeAgentDaemonSetProps {
  /**
   * Metadata of the DaemonSet: name, namespace, labels, annotations.
   * @default - a generated name in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Labels and annotations of the agent's pods.
   * @default - only the selector label
   */
  readonly podMetadata?: ApiObjectMetadata;
  /**
   * The agent's containers. More can be added with `addContainer()`.
   * @default - none; at least one is required before synthesis
   */
  readonly containers?: NodeAgentContainerProps[];
  /**
   * Init containers, run in order before the agent starts. More can be added with `addInitContainer()`.
   * @default - none
   */
  readonly initContainers?: NodeAgentContainerProps[];
  /**
   * Volumes to add to the pod besides those its containers mount.
   * @default - only the volumes mounted by containers
   */
  readonly volumes?: kplus.Volume[];
  /**
   * The identity the agent talks to the API server as.
   * @default - the namespace's default service account, with no token mounted
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Mount the service account token into the pod.
   * @default - true when `serviceAccount` is given, false otherwise
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Run in the node's network namespace. The DNS mode must be chosen explicitly.
   * @default - the pod's own network namespace
   */
  readonly hostNetwork?: HostNetworkOptions;
  /**
   * Run in the node's process namespace: the agent sees every process of the node.
   * @default - the pod's own process namespace
   */
  readonly hostPid?: GrantOptions;
  /**
   * Run in the node's IPC namespace.
   * @default - the pod's own IPC namespace
   */
  readonly hostIpc?: GrantOptions;
  /**
   * The priority class of the agent's pods.
   * @default PriorityClass.SYSTEM_NODE_CRITICAL
   */
  readonly priorityClass?: IPriorityClass;
  /**
   * Add the ResourceQuota that clusters limiting the built-in critical classes require
   * outside kube-system (one per chart and namespace).
   * @default - true when a built-in critical class is used outside kube-system
   */
  readonly criticalPodsQuota?: boolean;
  /**
   * Which tainted nodes the agent runs on. Tolerations added with `scheduling.tolerate()` are kept too.
   * @default AgentTolerations.ALL
   */
  readonly tolerations?: AgentTolerations;
  /**
   * Node labels the agent's nodes must have. `kubernetes.io/os: linux` is always included
   * unless set to another value here: tolerating every taint would otherwise land the agent
   * on Windows nodes.
   * @default { 'kubernetes.io/os': 'linux' }
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * How pods are replaced when the template changes.
   * @default AgentUpdateStrategy.rollingUpdate({ maxUnavailable: PercentOrAbsolute.absolute(1) })
   */
  readonly updateStrategy?: AgentUpdateStrategy;
  /**
   * Seconds a new pod must be ready before it counts as available.
   * @default 0
   */
  readonly minReadySeconds?: number;
  /**
   * Old revisions kept for rollback.
   * @default - Kubernetes' default (10)
   */
  readonly revisionHistoryLimit?: number;
  /**
   * Time between the stop signal and the kill.
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Pod-level security settings. Pod-level `runAsNonRoot` is only emitted when no container
   * needs root, unless set here.
   * @default - derived from the containers' grants
   */
  readonly securityContext?: kplus.PodSecurityContextProps;
  /**
   * DNS settings. With `hostNetwork`, the policy comes from `hostNetwork.dns`.
   * @default - ClusterFirst, or the host network's choice
   */
  readonly dns?: kplus.PodDnsProps;
  /**
   * Extra /etc/hosts entries.
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];
  /**
   * Secret for pulling the agent's images.
   * @default - none
   */
  readonly dockerRegistryAuth?: kplus.ISecret;
}

/**
 * A DaemonSet for a node agent: safe by default, every host privilege an explicit,
 * recorded grant, and everything the API server would reject reported at synth time.
 *
 * It is a cdk8s-plus `DaemonSet`, so containers, env, probes, volumes, scheduling and
 * connections work as usual; containers are `AgentContainer`s with grant methods.
 *
 * @example
 * import { App, Chart } from 'cdk8s';
 * import { HostNetworkDns, HostPath, NodeAgentDaemonSet } from 'cdk8s-node-agents';
 *
 * const app = new App();
 * const chart = new Chart(app, 'kube-proxy', { namespace: 'kube-system' });
 * const agent = new NodeAgentDaemonSet(chart, 'kube-proxy', {
 *   hostNetwork: { dns: HostNetworkDns.NODE, reason: 'implements Services in the node network stack' },
 * });
 * const proxy = agent.addContainer({ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.33.1' });
 * proxy.grantPrivileged({ reason: 'programs iptables rules and loads kernel modules' });
 * proxy.mountHostPath(HostPath.XTABLES_LOCK, { writable: true, reason: 'the iptables lock shared with the node' });
 * app.synth();
 */
export class NodeAgentDaemonSet extends kplus.DaemonSet {
  /** The priority class of the agent's pods. */
  public readonly priorityClass: IPriorityClass;
  /** Which tainted nodes the agent runs on. */
  public readonly tolerations: AgentTolerations;
  /** How pods are replaced. */
  public readonly updateStrategy: AgentUpdateStrategy;
  /** How the agent resolves names on the host network, undefined without host networking. */
  public readonly hostNetworkDns?: HostNetworkDns;
  /** Old revisions kept for rollback. */
  public readonly revisionHistoryLimit?: number;

  /** @internal */
  public readonly _hostAccess = new HostAccess(grant => {
    this.acknowledgeGrant(grant);
    this.passes?.changed();
  });
  /** @internal */
  public readonly _nodeSelector: { [key: string]: string };

  private readonly podSecurityProps: kplus.PodSecurityContextProps;
  private readonly agentInitContainers: AgentContainer[] = [];
  private readonly hostPathVolumes = new Map<string, kplus.Volume>();
  private readonly constructionErrors: string[] = [];
  private readonly sensitiveAllowed = new Set<string>();
  /** Annotation keys the user set in `metadata`: the library's acknowledgements never replace them. */
  private readonly userAnnotations: ReadonlySet<string>;
  private readonly acknowledgementKeys = new Set<string>();
  private readonly passes: ValidationPasses;
  private readonly render = new PassMemo<{ readonly json?: any; readonly error?: unknown }>();
  private readonly validation = new PassMemo<string[]>();

  constructor(scope: Construct, id: string, props: NodeAgentDaemonSetProps = {}) {
    addCriticalPodsQuota(scope, props);
    super(scope, id, {
      metadata: props.metadata,
      podMetadata: props.podMetadata,
      volumes: props.volumes,
      serviceAccount: props.serviceAccount,
      automountServiceAccountToken: props.automountServiceAccountToken ?? props.serviceAccount !== undefined,
      hostNetwork: props.hostNetwork !== undefined,
      securityContext: props.securityContext,
      dns: props.hostNetwork ? { ...props.dns, policy: props.dns?.policy ?? props.hostNetwork.dns as string as kplus.DnsPolicy } : props.dns,
      hostAliases: props.hostAliases,
      dockerRegistryAuth: props.dockerRegistryAuth,
      terminationGracePeriod: props.terminationGracePeriod,
      minReadySeconds: props.minReadySeconds,
    });
    this.priorityClass = props.priorityClass ?? PriorityClass.SYSTEM_NODE_CRITICAL;
    this.tolerations = props.tolerations ?? AgentTolerations.ALL;
    this.updateStrategy = props.updateStrategy ?? AgentUpdateStrategy.rollingUpdate();
    this.revisionHistoryLimit = props.revisionHistoryLimit;
    this._nodeSelector = { 'kubernetes.io/os': 'linux', ...props.nodeSelector };
    this.podSecurityProps = props.securityContext ?? {};
    this.passes = ValidationPasses.of(this);
    this.userAnnotations = new Set(Object.keys(props.metadata?.annotations ?? {}));
    if (this.userAnnotations.has(GRANTS_ANNOTATION)) {
      this.constructionErrors.push(`metadata.annotations["${GRANTS_ANNOTATION}"]: the library writes this annotation from the agent's grants; remove it from metadata and grant host access with the grant methods and props`);
    }
    // The record of grants, rendered when the object is: grants made after construction are included.
    this.metadata.addAnnotation(GRANTS_ANNOTATION, Lazy.any({ produce: () => encodeGrants(this.grants) }) as unknown as string);

    if (props.hostNetwork) {
      this.hostNetworkDns = props.hostNetwork.dns;
      this._hostAccess.add({ privilege: Privilege.HOST_NETWORK, reason: props.hostNetwork.reason });
      if (props.dns?.policy !== undefined && (props.dns.policy as string) !== props.hostNetwork.dns) {
        this.constructionErrors.push(`dns.policy: "${props.dns.policy}" contradicts hostNetwork.dns "${props.hostNetwork.dns}"; set the DNS mode once, in hostNetwork.dns (HostNetworkDns.NODE or HostNetworkDns.CLUSTER)`);
      }
    }
    if (props.hostPid) this._hostAccess.add({ privilege: Privilege.HOST_PID, reason: props.hostPid.reason });
    if (props.hostIpc) this._hostAccess.add({ privilege: Privilege.HOST_IPC, reason: props.hostIpc.reason });

    (props.initContainers ?? []).forEach((c, i) => this.tryAdd(`initContainers[${i}]`, () => this.addAgentInitContainer(c)));
    (props.containers ?? []).forEach((c, i) => this.tryAdd(`containers[${i}]`, () => this.addAgentContainer(c)));

    if (this.priorityClass instanceof Construct) this.node.addDependency(this.priorityClass);

    this.node.addValidation({ validate: () => this.passes.once(this.validation, () => this.validateAgent()) });
    AppChecks.of(this).addAgent(this);
  }

  /** Every grant of host access, pod-level and per container, in the order made. */
  public get grants(): Grant[] {
    return this._hostAccess.all();
  }

  /** The init containers, in the order they run. */
  public get initContainers(): kplus.Container[] {
    return [...this.agentInitContainers];
  }

  /**
   * Adds a container to the agent's pod (the cdk8s-plus signature). Grant it host access with the
   * returned container's methods, or use `addAgentContainer` to pass grants as props. Its
   * `imagePullPolicy`, `resources` and `securityContext` default as `NodeAgentContainerProps`
   * says, not as cdk8s-plus does.
   */
  public addContainer(props: kplus.ContainerProps): AgentContainer {
    return this.addAgentContainer(props);
  }

  /** Adds a container to the agent's pod, with its grants and agent settings as props. */
  public addAgentContainer(props: NodeAgentContainerProps): AgentContainer {
    const container = AgentContainer._create(this, props);
    this.attachContainer(container);
    this.passes.changed();
    return container;
  }

  /**
   * Attaches a container made by this agent's `addContainer()`. Any other container (a plain
   * cdk8s-plus `Container`, which carries no grants, or another agent's) is reported at synth.
   */
  public attachContainer(cont: kplus.Container): void {
    const problem = !(cont instanceof AgentContainer)
      ? 'attachContainer() was given a cdk8s-plus Container, which carries no grants; add it with addContainer(props) or addAgentContainer(props), which return an AgentContainer'
      : cont._agent !== this
        ? `attachContainer() was given a container of agent ${cont._agent.node.path}, whose grants are recorded there; add a container of this agent with addContainer(props)`
        : undefined;
    if (problem) this.constructionErrors.push(`containers["${cont.name}"]: ${problem}`);
    else super.attachContainer(cont);
  }

  /** Reports a problem of a prop with the agent's other problems at synth. @internal */
  public _reportConstructionError(message: string): void {
    this.constructionErrors.push(message);
  }

  /**
   * Adds an init container, run after those added before it (the cdk8s-plus signature). Grant it
   * host access with the returned container's methods, or use `addAgentInitContainer`.
   */
  public addInitContainer(props: kplus.ContainerProps): AgentContainer {
    return this.addAgentInitContainer(props);
  }

  /** Adds an init container, run after those added before it, with its grants and agent settings as props. */
  public addAgentInitContainer(props: NodeAgentContainerProps): AgentContainer {
    const name = props.name ?? `init-${this.agentInitContainers.length}`;
    const container = AgentContainer._create(this, { ...props, name }, 'initContainers');
    this.agentInitContainers.push(container);
    return container;
  }

  /**
   * The Pod Security level the agent's pods need at a policy version, and the violations
   * that force it, each traced to the grants that caused it. An agent that cannot be rendered
   * (no container, DNS settings cdk8s-plus refuses) throws the problem synthesis reports, with
   * the construct path.
   *
   * @param policyVersion `latest` or `v1.N`
   */
  public podSecurity(policyVersion: string = 'latest'): PodSecurityReport {
    const minor = this.policyMinor(policyVersion);
    const template = this.renderedTemplate(true);
    const { level, violations } = requiredPodSecurityLevel(minor, template.metadata, template.spec);
    return {
      level,
      policyVersion: policyVersionName(minor),
      violations: violations.map(v => ({ ...v, grants: grantsBehind(v.check, v.paths, template.spec, this.grants) })),
    };
  }

  /** The level the agent's pods need at the latest policy version. */
  public get podSecurityLevel(): PodSecurityLevel {
    const template = this.renderedTemplate(true);
    return leastPrivilegedLevel(this.policyMinor('latest'), template.metadata, template.spec);
  }

  /**
   * The level alone, without tracing violations to grants (what a namespace needs).
   * @internal
   */
  public _podSecurityLevel(policyVersion: string): PodSecurityLevel {
    const template = this.renderedTemplate(false);
    return leastPrivilegedLevel(this.policyMinor(policyVersion), template.metadata, template.spec);
  }

  /**
   * The ports the agent binds on every node it runs on, as `PROTOCOL/port`: host ports, and
   * with host networking every port of its long-running containers.
   * @internal
   */
  public _hostPorts(): string[] {
    const hostNetwork = this._hostAccess.has(Privilege.HOST_NETWORK);
    const ports = this.containers.flatMap(c => c.ports)
      .map(p => ({ port: p.hostPort || (hostNetwork ? p.number : 0), protocol: p.protocol ?? kplus.Protocol.TCP }))
      .filter(p => p.port);
    return [...new Set(ports.map(p => `${p.protocol}/${p.port}`))];
  }

  /** @internal */
  public _allowSensitive(container: string, path: string, writable: boolean): void {
    this.sensitiveAllowed.add(`${container}|${path}|${writable}`);
  }

  /** @internal */
  public _hostPathVolume(hostPath: HostPath): kplus.Volume {
    const key = `${normaliseHostPath(hostPath.path)}|${hostPath.type}`;
    let volume = this.hostPathVolumes.get(key);
    if (!volume) {
      const name = this.uniqueVolumeName(hostPathVolumeName(hostPath.path));
      volume = kplus.Volume.fromHostPath(this, `HostPath-${name}`, name, { path: hostPath.path, type: hostPath.type });
      this.hostPathVolumes.set(key, volume);
    }
    return volume;
  }

  /** @internal */
  public _toKube(): kplus.k8s.DaemonSetSpec {
    const spec = super._toKube();
    return dropUndefined({
      ...spec,
      template: this.withTemplateRecords(spec.template),
      minReadySeconds: spec.minReadySeconds || undefined,
      revisionHistoryLimit: this.revisionHistoryLimit,
      updateStrategy: this.updateStrategy._toKube(),
    });
  }

  /** @internal */
  public _toPodSpec(): kplus.k8s.PodSpec {
    // cdk8s-plus would throw its own message on these; the agent reports them in its terms.
    const problem = podRenderProblem(this.containers, this.dns);
    if (problem) throw new Error(problem);
    const spec = super._toPodSpec();
    const tolerations = [...this.tolerations._toKube(), ...(spec.tolerations ?? [])];
    const granted = this.grantedPod().spec;
    return dropUndefined({
      ...spec,
      hostNetwork: granted.hostNetwork,
      hostPid: granted.hostPID,
      hostIpc: granted.hostIPC,
      setHostnameAsFqdn: spec.setHostnameAsFqdn || undefined,
      priorityClassName: this.priorityClass.priorityClassName,
      tolerations: tolerations.length ? tolerations : undefined,
      nodeSelector: this._nodeSelector,
      securityContext: this.podSecurityContext(spec.securityContext),
    });
  }

  private policyMinor(policyVersion: string): number {
    const minor = parsePolicyVersion(policyVersion);
    if (minor === undefined) throw new Error(`${this.node.path}: policy version "${policyVersion}" is not "latest" or "v1.N"`);
    return minor;
  }

  /** The rendered pod template: rendered afresh, or the render of this validation pass. */
  private renderedTemplate(fresh: boolean): { metadata?: any; spec?: any } {
    const { json, error } = fresh ? render(this.apiObject) : this.rendered();
    if (!json) throw new Error(`${this.node.path}: ${RENDER_FAILURE} DaemonSet: ${rootMessage(error)}`);
    return json.spec.template;
  }

  /** The object as cdk8s renders it (JSON patches applied), once per validation pass. */
  private rendered(): { readonly json?: any; readonly error?: unknown } {
    return this.passes.once(this.render, () => render(this.apiObject));
  }

  /** Pod-level runAsNonRoot would override every container's choice: only emit it when all comply. */
  private podSecurityContext(rendered: kplus.k8s.PodSecurityContext | undefined): kplus.k8s.PodSecurityContext | undefined {
    const user = this.podSecurityProps;
    const anyRoot = [...this.containers, ...this.agentInitContainers].some(c => (c as AgentContainer)._runsAsRoot());
    const sc = dropUndefined({
      ...rendered,
      runAsNonRoot: user.ensureNonRoot ?? (anyRoot ? undefined : true),
      // cdk8s-plus always emits fsGroupChangePolicy; it only means something with an fsGroup.
      fsGroupChangePolicy: user.fsGroupChangePolicy ?? (user.fsGroup !== undefined ? rendered?.fsGroupChangePolicy : undefined),
    });
    return Object.keys(sc).length ? sc : undefined;
  }

  private validateAgent(): string[] {
    const { json, error } = this.rendered();
    const rendered: ValidationMessages = json ? checkRendered(json) : { errors: [renderFailure(this.apiObject, error)], warnings: [] };
    // A container that could not be built leaves the pod incomplete: don't report that twice.
    const consequences = this.constructionErrors.length ? rendered.errors.filter(m => !m.startsWith(RENDER_FAILURE)) : rendered.errors;
    const errors = [...this.constructionErrors, ...(json ? this.recordErrors(json) : []), ...this.missingReasonErrors(), ...consequences];
    return ValidationPolicy._report(this, errors, rendered.warnings);
  }

  /**
   * The library owns its record: the grants annotation must be the one it wrote (not replaced by
   * `addAnnotation` or a JSON patch), and no sensitive host path may be held without its
   * allowance, however it got into the object (a grant, a plain volume, a patch). That everything
   * held is granted is the `ungranted-host-access` rule, run with the others.
   */
  private recordErrors(json: any): string[] {
    const errors: string[] = [];
    const written = json.metadata?.annotations?.[GRANTS_ANNOTATION];
    if (written !== encodeGrants(this.grants) && !this.userAnnotations.has(GRANTS_ANNOTATION)) {
      errors.push(`metadata.annotations["${GRANTS_ANNOTATION}"]: ${written === undefined ? 'removed' : `set to ${JSON.stringify(written).slice(0, 80)}`} after the library wrote it (addAnnotation or a JSON patch); the annotation is the library's record of the agent's grants: remove what overwrites it`);
    }
    const held = heldAccessOf(json).filter((h): h is HeldAccess & { path: string } => h.kind === Privilege.HOST_PATH && h.path !== undefined);
    for (const h of held) {
      // Matched as written: the matcher resolves /var/run, merged /usr and /proc links itself.
      const match = sensitiveHostPath(typeof h.value === 'string' ? h.value : h.path, !!h.writable);
      if (!match || (h.container !== undefined && this.sensitiveAllowed.has(`${h.container}|${h.path}|${!!h.writable}`))) continue;
      const where = match.relation === 'is' ? 'is sensitive' : `${match.relation === 'contains' ? 'contains' : 'is inside'} ${match.entry.path}`;
      const access = h.writable ? 'read-write' : 'read-only';
      const who = h.container === undefined ? 'a volume no container mounts' : `containers["${h.container}"]`;
      errors.push(`${h.field}: ${who} hostPath "${h.path}" (${access}) ${where}: ${match.entry.why}; `
        + 'mount a narrower path, or acknowledge it with mountHostPath(..., { allowSensitive: true, reason })');
    }
    return errors;
  }

  /** With GrantPolicy.requireReasons, every grant needs a reason. */
  private missingReasonErrors(): string[] {
    if (!GrantPolicy.reasonsRequired(this)) return [];
    return this.grants.filter(g => !g.reason).map(g =>
      `${g.container ? `containers["${g.container}"] ` : ''}${describeGrant(g)}: granted without a reason, which GrantPolicy.requireReasons forbids; pass { reason: '...' } with the grant`);
  }

  /**
   * Registers the object-level acknowledgements a new grant makes fire, for every scanner a team
   * may choose: each key is written when the object renders, for the scanners chosen by then.
   * Keys the user set in `metadata` are left alone.
   */
  private acknowledgeGrant(grant: Grant): void {
    for (const format of SCANNER_FORMATS) {
      const { annotations } = format.acknowledge({ grants: [grant], podSpec: undefined });
      for (const [key, value] of Object.entries(annotations)) {
        if (this.acknowledgementKeys.has(key) || this.userAnnotations.has(key)) continue;
        this.acknowledgementKeys.add(key);
        const chosen = () => ScannerAcknowledgements.of(this).includes(format.scanner);
        this.metadata.addAnnotation(key, Lazy.any({ produce: () => chosen() ? value : undefined }) as unknown as string);
      }
    }
  }

  /**
   * The pod template with the records that depend on the rendered pod: the pod-template labels of
   * the chosen scanners (kubeaudit names volumes) and the annotations grants write (AppArmor).
   * Values the user set themselves are kept.
   */
  private withTemplateRecords(template: kplus.k8s.PodTemplateSpec): kplus.k8s.PodTemplateSpec {
    const { podLabels } = scannerAcknowledgements({ grants: this.grants, podSpec: template.spec }, ScannerAcknowledgements.of(this));
    const { annotations } = this.grantedPod();
    if (!Object.keys(podLabels).length && !Object.keys(annotations).length) return template;
    const metadata = template.metadata ?? {};
    return {
      ...template,
      metadata: {
        ...metadata,
        labels: { ...podLabels, ...metadata.labels },
        annotations: Object.keys(annotations).length ? { ...annotations, ...metadata.annotations } : metadata.annotations,
      },
    };
  }

  /** What the grants set on the pod, each kind its own part: host namespaces, pod-template annotations. */
  private grantedPod(): PodDraft {
    const pod: PodDraft = { spec: {}, annotations: {} };
    for (const grant of this.grants) grantKind(grant.privilege)?.pod?.(grant, pod);
    return pod;
  }

  private uniqueVolumeName(base: string): string {
    const taken = new Set([...this.volumes.map(v => v.name), ...[...this.hostPathVolumes.values()].map(v => v.name)]);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 60)}-${i}`;
    return name;
  }

  private tryAdd(field: string, add: () => void): void {
    try {
      add();
    } catch (e) {
      this.constructionErrors.push(`${field}: ${rootMessage(e)}`);
    }
  }
}

/** An object rendered by cdk8s, or why it could not be. */
function render(apiObject: ApiObject): { readonly json?: any; readonly error?: unknown } {
  try {
    return { json: apiObject.toJson() };
  } catch (error) {
    return { error };
  }
}

/**
 * The quota without which the API server admits critical pods only in kube-system, once per chart
 * and namespace. It must be applied before the pods it admits: created before the agent, it comes
 * first in the chart's order without a dependency, which cdk8s would resolve again for every chart
 * it writes (docs/PERFORMANCE.md).
 */
function addCriticalPodsQuota(scope: Construct, props: NodeAgentDaemonSetProps): void {
  const chart = Chart.of(scope);
  // The namespace cdk8s gives the agent's object: its own, or the chart's.
  const namespace = { namespace: chart.namespace, ...props.metadata }.namespace;
  const builtIn = (props.priorityClass ?? PriorityClass.SYSTEM_NODE_CRITICAL).builtIn;
  if (!(props.criticalPodsQuota ?? (builtIn && namespace !== 'kube-system'))) return;
  const id = `CriticalPodsQuota-${namespace ?? 'default'}`;
  if (!chart.node.tryFindChild(id)) new CriticalPodsQuota(chart, id, { namespace });
}
