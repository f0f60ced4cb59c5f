import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { NodeAgentDaemonSet } from './node-agent-daemon-set';
import { checkRendered, RENDER_FAILURE, rootMessage } from './private/manifest-validation';
import { PassMemo, ValidationPasses } from './private/validation-passes';
import { ValidationPolicy } from './validation-policy';
import { PodSecurityLevel } from '../checks/pod-security/api';
import { evaluatePodSecurity, LATEST_MINOR, parsePolicyVersion, policyVersionName } from '../checks/pod-security/registry';
import { podShapeErrors } from '../model/pod-shape';
import { holdsPodTemplate, podTemplateOf } from '../model/pod-template';

const ID = 'NodeAgentChecks';
const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

/**
 * Properties of `NodeAgentChecks`.
 */
export interface NodeAgentChecksProps {
  /**
   * The Pod Security policy version a namespace's `enforce` label is evaluated at when the
   * namespace does not pin one with `pod-security.kubernetes.io/enforce-version`: `latest` or `v1.N`.
   * @default 'latest'
   */
  readonly policyVersion?: string;
}

/**
 * The library's checks for every object of an app that holds a pod template, whoever built it:
 * a cdk8s `Helm` chart or `Include`, a cdk8s-plus workload, an L1 `KubeDaemonSet`. One line turns
 * them on: `NodeAgentChecks.of(app)`.
 *
 * Each object is checked with the rules `cdk8s-node-agents audit` runs, and reported through
 * cdk8s validation under its own construct path (a cdk8s-plus workload under the workload, not its
 * `Resource`): errors fail synthesis, warnings are printed, or fail it with
 * `ValidationPolicy.warningsAsErrors`. An object in a namespace of the app whose
 * `pod-security.kubernetes.io/enforce` label would reject its pods is an error too.
 * `NodeAgentDaemonSet`s check themselves and are not reported twice.
 */
export class NodeAgentChecks extends Construct {
  /**
   * The app's whole-app checks, created at the app's root on first use.
   * @param scope any construct of the app
   * @param props used when the checks are created; an error if they differ from the existing checks' props
   */
  public static of(scope: IConstruct, props: NodeAgentChecksProps = {}): NodeAgentChecks {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(ID) as NodeAgentChecks | undefined;
    if (!existing) return new NodeAgentChecks(root as Construct, ID, props);
    if (props.policyVersion !== undefined && props.policyVersion !== existing.policyVersion) {
      throw new Error(`${existing.node.path}: policyVersion "${props.policyVersion}" differs from the "${existing.policyVersion}" the app's checks were created with; pass it once, to the first NodeAgentChecks.of()`);
    }
    return existing;
  }

  /** The policy version namespaces without `enforce-version` are evaluated at (`latest` or `v1.N`). */
  public readonly policyVersion: string;

  private readonly minor: number;
  private readonly attached = new WeakSet<IConstruct>();
  private readonly passes: ValidationPasses;
  private readonly scan = new PassMemo<Map<string, EnforcedLevel>>();
  /** The levels the app's namespaces enforce, read again at the start of every validation pass. */
  private namespaces?: Map<string, EnforcedLevel>;

  private constructor(scope: Construct, id: string, props: NodeAgentChecksProps) {
    super(scope, id);
    this.policyVersion = props.policyVersion ?? 'latest';
    const minor = parsePolicyVersion(this.policyVersion);
    // Reported with the app's other problems at synth, not thrown on its own.
    if (minor === undefined) {
      const problem = `policyVersion: "${this.policyVersion}" is not "latest" or "v1.N" (for example "v1.30")`;
      this.node.addValidation({ validate: () => [problem] });
    }
    this.minor = minor ?? LATEST_MINOR;
    // Created before the validation below, so that its pass marker runs first in every pass.
    this.passes = ValidationPasses.of(this);
    // cdk8s validates the tree in pre-order (App.synth, synthYaml and Chart.toJson all call
    // validate(app), which walks node.findAll()): the root comes first, so a validation added
    // there can give each object its own validation, which then runs in the same pass under the
    // object's path. Objects added after this construct are found too.
    scope.node.root.node.addValidation({ validate: () => this.startPass() });
  }

  /** Once per synthesis (ValidationPasses): read the namespaces' levels and find new objects to check. */
  private startPass(): string[] {
    this.namespaces = this.passes.once(this.scan, () => {
      for (const c of this.node.root.node.findAll()) {
        if (!ApiObject.isApiObject(c) || !holdsPodTemplate(c.kind) || isAgent(c)) continue;
        const reported = reportedAs(c);
        if (this.attached.has(reported)) continue;
        this.attached.add(reported);
        const result = new PassMemo<string[]>();
        reported.node.addValidation({ validate: () => this.passes.once(result, () => this.validateObject(c, reported)) });
      }
      return this.enforcedLevels();
    });
    return [];
  }

  private validateObject(apiObject: ApiObject, reported: IConstruct): string[] {
    let json: any;
    try {
      json = apiObject.toJson();
    } catch (e) {
      return [`${RENDER_FAILURE} ${apiObject.kind}: ${rootMessage(e)}`];
    }
    const shape = podShapeErrors(json);
    if (shape.length) return [`the pod template cannot be checked: ${shape.join('; ')}`];
    const { errors, warnings } = checkRendered(json);
    return ValidationPolicy._report(reported, [...errors, ...this.admissionErrors(json)], warnings);
  }

  /** Pod Security admission in a namespace of the app that enforces a level. */
  private admissionErrors(json: any): string[] {
    const namespace = json.metadata?.namespace ?? 'default';
    const enforced = (this.namespaces ??= this.enforcedLevels()).get(namespace);
    if (!enforced) return [];
    const template = podTemplateOf(json)!;
    const violations = evaluatePodSecurity(enforced.level, enforced.minor, template.metadata, template.spec);
    if (!violations.length) return [];
    return [`namespace "${namespace}" enforces Pod Security "${enforced.level}" at ${policyVersionName(enforced.minor)}, which rejects the pods of this ${json.kind} `
      + `(${violations.map(v => `${v.check}: ${v.message}`).join('; ')}); label the namespace with the level the pods need, or remove the host access`];
  }

  /** The levels the app's namespaces enforce, by namespace name. */
  private enforcedLevels(): Map<string, EnforcedLevel> {
    const levels = new Map<string, EnforcedLevel>();
    for (const c of this.node.root.node.findAll()) {
      if (!ApiObject.isApiObject(c) || c.kind !== 'Namespace') continue;
      // A NodeAgentNamespace derives its level from its agents and checks them; anything else
      // placed in it is checked here, against the level the namespace ends up with.
      let labels: Record<string, unknown> | undefined;
      try {
        labels = (c.toJson() as any).metadata?.labels;
      } catch {
        continue; // the namespace's own validation reports why it cannot be rendered
      }
      const level = labels?.[ENFORCE];
      if (!isLevel(level)) continue;
      const version = labels?.[ENFORCE_VERSION];
      const minor = (typeof version === 'string' ? parsePolicyVersion(version) : undefined) ?? this.minor;
      levels.set(c.metadata.name ?? c.name, { level, minor });
    }
    return levels;
  }
}

interface EnforcedLevel {
  readonly level: PodSecurityLevel;
  readonly minor: number;
}

function isLevel(value: unknown): value is PodSecurityLevel {
  return value === PodSecurityLevel.PRIVILEGED || value === PodSecurityLevel.BASELINE || value === PodSecurityLevel.RESTRICTED;
}

/** A NodeAgentDaemonSet's object: the agent validates it itself. */
function isAgent(apiObject: ApiObject): boolean {
  return apiObject.node.scope instanceof NodeAgentDaemonSet;
}

/**
 * The construct a user knows the object by: a cdk8s-plus workload for the `Resource` it
 * renders into (its default child), the object itself otherwise.
 */
function reportedAs(apiObject: ApiObject): IConstruct {
  const scope = apiObject.node.scope;
  return scope && scope.node.scope && !Chart.isChart(scope) && scope.node.defaultChild === apiObject ? scope : apiObject;
}
