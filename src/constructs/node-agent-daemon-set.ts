import { ApiObjectMetadata, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AgentContainer, NodeAgentContainerProps } from './agent-container';
import { AgentTolerations } from './agent-tolerations';
import { AgentUpdateStrategy } from './agent-update-strategy';
import { AppChecks } from './app-checks';
import { onChartWritten } from './chart-rendering';
import { CriticalPodsQuota } from './critical-pods-quota';
import { GrantPolicy } from './grant-policy';
import { HostNetworkDns, HostNetworkOptions } from './host-network';
import { RENDER_FAILURE, rootMessage, validateApiObject } from './manifest-validation';
import { podRenderProblem } from './pod-render-problem';
import { PodSecurityReport } from './pod-security-report';
import { IPriorityClass, PriorityClass } from './priority-class';
import { ScannerAcknowledgements } from './scanner-acknowledgements';
import { PerSynthesis, SynthesisScope } from './synthesis-scope';
import { ValidationPolicy } from './validation-policy';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { leastPrivilegedLevel, parsePolicyVersion, policyVersionName, requiredPodSecurityLevel } from '../checks/pod-security/registry';
import { scannerAcknowledgements } from '../model/acknowledgements';
import { describeGrant, Grant, GrantOptions, Privilege } from '../model/grant';
import { encodeGrants, GRANTS_ANNOTATION } from '../model/grants-annotation';
import { HostAccess } from '../model/host-access';
import { HostPath, hostPathVolumeName, normaliseHostPath } from '../model/host-path';
import { dropUndefined } from '../model/security-context';
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
 */
export class NodeAgentDaemonSet extends kplus.DaemonSet {
  /** The priority class of the agent's pods. */
  public readonly priorityClass: IPriorityClass;
  /** Which tainted nodes the agent runs on. */
  public readonly tolerations: AgentTolerations;
  /** How pods are replaced. */
  public readonly updateStrategy: AgentUpdateStrategy;
  /** How the agent resolves names on the host network; undefined without host networking. */
  public readonly hostNetworkDns?: HostNetworkDns;
  /** Old revisions kept for rollback. */
  public readonly revisionHistoryLimit?: number;

  /** @internal */
  public readonly _hostAccess = new HostAccess();
  /** @internal */
  public readonly _nodeSelector: { [key: string]: string };

  private readonly podSecurityProps: kplus.PodSecurityContextProps;
  private readonly agentInitContainers: AgentContainer[] = [];
  private readonly hostPathVolumes = new Map<string, kplus.Volume>();
  private readonly constructionErrors: string[] = [];
  private readonly sensitiveAllowed = new Set<string>();
  /** The object as rendered by the last validation, served to synthesis (see recordGrantsInManifest). */
  private rendered?: { readonly json: any; readonly scope: number };
  private readonly validation = new PerSynthesis<string[]>();

  constructor(scope: Construct, id: string, props: NodeAgentDaemonSetProps = {}) {
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
    this.addCriticalPodsQuota(props.criticalPodsQuota);

    this.node.addValidation({ validate: () => this.validation.get(() => this.validateAgent()) });
    AppChecks.of(this).addAgent(this);
    this.recordGrantsInManifest();
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
    const sidecar = props.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS;
    for (const probe of ['readiness', 'liveness', 'startup'] as const) {
      // cdk8s-plus throws on the first; all of them are reported together instead.
      if (props[probe] && !sidecar) {
        this.constructionErrors.push(`initContainers["${name}"].${probe}: init containers cannot have probes unless they are sidecars; remove the probe or set restartPolicy: ContainerRestartPolicy.ALWAYS`);
      }
    }
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
    const template = this.renderedTemplate();
    const { level, violations } = requiredPodSecurityLevel(minor, template.metadata, template.spec);
    return {
      level,
      policyVersion: policyVersionName(minor),
      violations: violations.map(v => ({ ...v, grants: grantsBehind(v.check, v.paths, template.spec, this.grants) })),
    };
  }

  /** The level the agent's pods need at the latest policy version. */
  public get podSecurityLevel(): PodSecurityLevel {
    return this._podSecurityLevel('latest');
  }

  /**
   * The level alone, without tracing violations to grants (what a namespace needs).
   * @internal
   */
  public _podSecurityLevel(policyVersion: string): PodSecurityLevel {
    const template = this.renderedTemplate();
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
    return dropUndefined({
      ...spec,
      hostNetwork: this._hostAccess.has(Privilege.HOST_NETWORK) || undefined,
      hostPid: this._hostAccess.has(Privilege.HOST_PID) || undefined,
      hostIpc: this._hostAccess.has(Privilege.HOST_IPC) || undefined,
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

  private renderedTemplate(): { metadata?: any; spec?: any } {
    try {
      return (this.apiObject.toJson() as any).spec.template;
    } catch (e) {
      throw new Error(`${this.node.path}: ${RENDER_FAILURE} DaemonSet: ${rootMessage(e)}`);
    }
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
    // Outside a synthesis call, render afresh and leave this render to the synthesis that follows;
    // inside one, the render is kept for the call anyway (see recordGrantsInManifest).
    const outside = SynthesisScope.id === 0;
    if (outside) this.rendered = undefined;
    const rendered = validateApiObject(this.apiObject);
    if (outside) this.rendered = rendered.json ? { json: rendered.json, scope: 0 } : undefined;
    // A container that could not be built leaves the pod incomplete: don't report that twice.
    const consequences = this.constructionErrors.length ? rendered.errors.filter(m => !m.startsWith(RENDER_FAILURE)) : rendered.errors;
    const errors = [...this.constructionErrors, ...this.sensitiveMountErrors(), ...this.missingReasonErrors(), ...consequences];
    return ValidationPolicy._report(this, errors, rendered.warnings);
  }

  /** Sensitive host paths are refused unless allowed for that container, path and access mode. */
  private sensitiveMountErrors(): string[] {
    return this.grants.filter(g => g.privilege === Privilege.HOST_PATH).flatMap(g => {
      const match = sensitiveHostPath(g.path!, !!g.writable);
      if (!match || this.sensitiveAllowed.has(`${g.container}|${g.path}|${!!g.writable}`)) return [];
      const where = match.relation === 'is' ? 'is sensitive' : `${match.relation === 'contains' ? 'contains' : 'is inside'} ${match.entry.path}`;
      const access = g.writable ? 'read-write' : 'read-only';
      return [`containers["${g.container}"] hostPath "${g.path}" (${access}) ${where}: ${match.entry.why}; `
        + 'mount a narrower path, or acknowledge it with mountHostPath(..., { allowSensitive: true, reason })'];
    });
  }

  /** With GrantPolicy.requireReasons, every grant needs a reason. */
  private missingReasonErrors(): string[] {
    if (!GrantPolicy.reasonsRequired(this)) return [];
    return this.grants.filter(g => !g.reason).map(g =>
      `${g.container ? `containers["${g.container}"] ` : ''}${describeGrant(g)}: granted without a reason, which GrantPolicy.requireReasons forbids; pass { reason: '...' } with the grant`);
  }

  /**
   * Writes the grants annotation, the scanners' acknowledgements (DaemonSet annotations) and
   * kubeaudit's pod-template labels after the object is rendered, so that grants made after
   * construction are included. Values the user set themselves are kept.
   *
   * cdk8s validates every construct before it synthesizes (App.synth, synthYaml, Chart.toJson,
   * Testing.synth), and validation renders the object to check it: synthesis then reuses that
   * render instead of rendering the whole pod again. Inside `app.synth()`/`synthYaml()` the first
   * render is kept until the agent's chart has written it, then dropped, so that an app's renders
   * are not all held while the YAML of every chart is built.
   */
  private recordGrantsInManifest(): void {
    const render = this.apiObject.toJson.bind(this.apiObject);
    (this.apiObject as { toJson: () => any }).toJson = () => {
      const scope = SynthesisScope.id;
      const cached = this.rendered;
      if (cached && cached.scope === scope) {
        // Outside a synthesis call the render serves only the synthesis that follows this
        // validation: the agent may change before it is rendered again.
        if (scope === 0) this.rendered = undefined;
        return cached.json;
      }
      const json = this.withGrantsRecorded(render());
      if (scope !== 0) this.rendered = { json, scope };
      return json;
    };
    onChartWritten(this.apiObject, () => this.rendered = undefined);
  }

  /** The rendered object with the grants annotation, scanner acknowledgements and AppArmor annotations added. */
  private withGrantsRecorded(json: any): any {
    const template = json.spec?.template ?? {};
    const acks = scannerAcknowledgements({ grants: this.grants, podSpec: template.spec }, ScannerAcknowledgements.of(this));
    const annotations = { [GRANTS_ANNOTATION]: encodeGrants(this.grants), ...acks.annotations, ...json.metadata?.annotations };
    json.metadata = { ...json.metadata, annotations };
    if (Object.keys(acks.podLabels).length) {
      template.metadata = { ...template.metadata, labels: { ...acks.podLabels, ...template.metadata?.labels } };
    }
    // cdk8s-plus-28's types predate the appArmorProfile field (1.30): the annotation works everywhere.
    const appArmor = this.grants.filter(g => g.privilege === Privilege.UNCONFINED && g.profile === 'appArmor=Unconfined');
    if (appArmor.length) {
      const keys = Object.fromEntries(appArmor.map(g => [`container.apparmor.security.beta.kubernetes.io/${g.container}`, 'unconfined']));
      template.metadata = { ...template.metadata, annotations: { ...keys, ...template.metadata?.annotations } };
    }
    return json;
  }

  private addCriticalPodsQuota(wanted: boolean | undefined): void {
    const namespace = this.metadata.namespace;
    if (!(wanted ?? (this.priorityClass.builtIn && namespace !== 'kube-system'))) return;
    const chart = Chart.of(this);
    const id = `CriticalPodsQuota-${namespace ?? 'default'}`;
    if (chart.node.tryFindChild(id)) return;
    // The quota must be applied before the pods it admits. Agents added after it already follow it
    // in the chart's order; only the agent that creates it precedes it, and needs the dependency.
    // (One dependency per chart, not per agent: cdk8s rebuilds the dependency graph per chart.)
    this.node.addDependency(new CriticalPodsQuota(chart, id, { namespace }));
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
