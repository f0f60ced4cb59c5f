import { ApiObjectMetadata, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NodeAgentDaemonSet } from './node-agent-daemon-set';
import { AppChecks } from './private/app-checks';
import { withoutNamespace } from './private/cluster-scoped';
import { PassMemo, ValidationPasses } from './private/validation-passes';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { LATEST_MINOR, parsePolicyVersion, policyVersionName } from '../checks/pod-security/registry';

/**
 * Properties of a `NodeAgentNamespace`.
 */
export interface NodeAgentNamespaceProps {
  /**
   * Metadata of the namespace: its name, labels and annotations.
   * @default - a generated name
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The level to enforce. An agent of the namespace that needs more is a synth-time error.
   * @default - the least privileged level that admits every agent of the namespace
   */
  readonly enforce?: PodSecurityLevel;
  /**
   * The policy version to pin for enforce, warn and audit.
   * @default - the newest version this library knows, pinned (not `latest`)
   */
  readonly policyVersion?: string;
}

const STRICTER: Record<PodSecurityLevel, PodSecurityLevel> = {
  [PodSecurityLevel.PRIVILEGED]: PodSecurityLevel.BASELINE,
  [PodSecurityLevel.BASELINE]: PodSecurityLevel.RESTRICTED,
  [PodSecurityLevel.RESTRICTED]: PodSecurityLevel.RESTRICTED,
};
const ORDER = [PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED];

/**
 * A namespace for node agents whose Pod Security labels admit exactly its agents: `enforce`
 * is the least privileged level that admits every agent placed in it (every
 * `NodeAgentDaemonSet` of the app in this namespace), pinned to a policy version, and
 * `warn`/`audit` are one level stricter, so what is still loose stays visible.
 *
 * @example
 * import { App, Chart } from 'cdk8s';
 * import { HostPath, NodeAgentDaemonSet, NodeAgentNamespace } from 'cdk8s-node-agents';
 *
 * const app = new App();
 * const chart = new Chart(app, 'logging', { namespace: 'logging' });
 * // enforce: privileged (the agent mounts a host path); warn and audit: baseline
 * new NodeAgentNamespace(chart, 'namespace', { metadata: { name: 'logging' } });
 * const shipper = new NodeAgentDaemonSet(chart, 'shipper');
 * shipper.addContainer({ name: 'shipper', image: 'cr.fluentbit.io/fluent/fluent-bit:4.0.3' })
 *   .mountHostPath(HostPath.VAR_LOG, { reason: 'tails the node and container logs' });
 * app.synth();
 */
export class NodeAgentNamespace extends Construct {
  /** The namespace's name. */
  public readonly name: string;
  /** The pinned policy version, `v1.N`. */
  public readonly policyVersion: string;

  private readonly fixedLevel?: PodSecurityLevel;
  private readonly required = new PassMemo<PodSecurityLevel>();
  private readonly versionError?: string;

  constructor(scope: Construct, id: string, props: NodeAgentNamespaceProps = {}) {
    super(scope, id);
    const minor = parsePolicyVersion(props.policyVersion ?? policyVersionName(LATEST_MINOR));
    this.policyVersion = policyVersionName(minor ?? LATEST_MINOR);
    if (minor === undefined) this.versionError = `policyVersion: "${props.policyVersion}" is not "latest" or "v1.N" with N a number`;
    this.fixedLevel = props.enforce;
    const level = (f: () => string) => Lazy.any({ produce: f }) as unknown as string;
    const namespace = new ClusterScopedNamespace(this, 'Resource', {
      metadata: {
        ...props.metadata,
        labels: {
          ...props.metadata?.labels,
          'pod-security.kubernetes.io/enforce': level(() => this.enforcedLevel),
          'pod-security.kubernetes.io/enforce-version': this.policyVersion,
          'pod-security.kubernetes.io/warn': level(() => STRICTER[this.enforcedLevel]),
          'pod-security.kubernetes.io/warn-version': this.policyVersion,
          'pod-security.kubernetes.io/audit': level(() => STRICTER[this.enforcedLevel]),
          'pod-security.kubernetes.io/audit-version': this.policyVersion,
        },
      },
    });
    this.name = namespace.name;
    this.node.addValidation({ validate: () => this.validateNamespace() });
  }

  /** The agents of the app placed in this namespace. */
  public get agents(): NodeAgentDaemonSet[] {
    return AppChecks.of(this).agentsIn(this.name);
  }

  /** The level enforced: the one given, or the least privileged that admits every agent. */
  public get enforcedLevel(): PodSecurityLevel {
    return this.fixedLevel ?? ValidationPasses.of(this).once(this.required, () => this.requiredLevel());
  }

  private requiredLevel(): PodSecurityLevel {
    let level = PodSecurityLevel.RESTRICTED;
    for (const agent of this.agents) {
      const needed = this.levelOf(agent);
      if (needed !== undefined && ORDER.indexOf(needed) > ORDER.indexOf(level)) level = needed;
    }
    return level;
  }

  private levelOf(agent: NodeAgentDaemonSet): PodSecurityLevel | undefined {
    try {
      return agent._podSecurityLevel(this.policyVersion);
    } catch {
      return undefined; // the agent reports why it cannot be rendered
    }
  }

  private validateNamespace(): string[] {
    if (this.versionError) return [this.versionError];
    // The level is settled while validating, when every agent has its render at hand, not when
    // the namespace is written: agents of charts written before it have dropped theirs by then.
    if (!this.fixedLevel) {
      ValidationPasses.of(this).once(this.required, () => this.requiredLevel());
      return [];
    }
    return this.agents.flatMap(agent => {
      const needed = this.levelOf(agent);
      if (needed === undefined || ORDER.indexOf(needed) <= ORDER.indexOf(this.fixedLevel!)) return [];
      const report = agent.podSecurity(this.policyVersion);
      const why = report.violations.filter(v => ORDER.indexOf(v.level) >= ORDER.indexOf(this.fixedLevel!) || v.level === PodSecurityLevel.BASELINE)
        .map(v => v.message).join('; ');
      return [`enforce: "${this.fixedLevel}" would reject agent ${agent.node.path}, which needs "${needed}" at ${this.policyVersion} (${why}); enforce "${needed}" or remove the grants`];
    });
  }
}

/** A Namespace is cluster-scoped: a chart's namespace must not be written into it. */
class ClusterScopedNamespace extends kplus.k8s.KubeNamespace {
  public toJson(): any {
    return withoutNamespace(super.toJson());
  }
}

