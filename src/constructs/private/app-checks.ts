import { Construct, IConstruct } from 'constructs';
// Types only: the agents and classes register themselves here, so importing them would be a circle.
import type { CriticalPriorityClass } from '../critical-priority-class';
import type { NodeAgentDaemonSet } from '../node-agent-daemon-set';
import { PassMemo, ValidationPasses } from './validation-passes';
import { ValidationPolicy } from '../validation-policy';

const ID = 'NodeAgentsAppChecks';

/**
 * Checks across the whole app (an app can hold many charts), run once per synthesis by a single
 * construct at the app's root, so that their cost grows with the number of agents, not its square:
 * host ports claimed by two agents on the same nodes, several global-default priority classes,
 * priority classes that must already exist, and two objects with one name in one namespace.
 */
export class AppChecks extends Construct {
  /** The app's checks, created by the first agent or class that needs them. */
  public static of(scope: IConstruct): AppChecks {
    const root = scope.node.root;
    return (root.node.tryFindChild(ID) as AppChecks | undefined) ?? new AppChecks(root as Construct, ID);
  }

  private readonly agents: NodeAgentDaemonSet[] = [];
  private readonly classes: CriticalPriorityClass[] = [];
  private readonly agentsByClass = new Map<string, NodeAgentDaemonSet[]>();

  private readonly validation = new PassMemo<string[]>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const passes = ValidationPasses.of(this);
    this.node.addValidation({ validate: () => passes.once(this.validation, () => this.validateApp()) });
  }

  /** Registers an agent (its constructor does). */
  public addAgent(agent: NodeAgentDaemonSet): void {
    this.agents.push(agent);
    const name = agent.priorityClass.priorityClassName;
    const sameClass = this.agentsByClass.get(name);
    if (sameClass) sameClass.push(agent);
    else this.agentsByClass.set(name, [agent]);
    const defined = this.classes.find(c => c.priorityClassName === name);
    if (defined) writeClassFirst(agent, defined);
  }

  /** Registers a priority class (its constructor does). */
  public addPriorityClass(priorityClass: CriticalPriorityClass): void {
    this.classes.push(priorityClass);
    for (const agent of this.agentsByClass.get(priorityClass.priorityClassName) ?? []) writeClassFirst(agent, priorityClass);
  }

  /** The agents of the app in a namespace. */
  public agentsIn(namespace: string): NodeAgentDaemonSet[] {
    return this.agents.filter(a => a.metadata.namespace === namespace);
  }

  private validateApp(): string[] {
    const { agents, classes } = this;
    const errors = [...duplicateNames(agents, classes), ...hostPortClashes(agents), ...globalDefaults(classes)];
    return ValidationPolicy._report(this, errors, unknownPriorityClasses(agents, classes));
  }
}

function duplicateNames(agents: NodeAgentDaemonSet[], classes: CriticalPriorityClass[]): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  const claim = (key: string, what: string, path: string) => {
    const first = seen.get(key);
    if (first) errors.push(`${what} is defined twice, by ${first} and ${path}; give each its own name`);
    else seen.set(key, path);
  };
  for (const a of agents) claim(`DaemonSet/${a.metadata.namespace ?? ''}/${a.name}`, `DaemonSet "${a.name}"${a.metadata.namespace ? ` in namespace "${a.metadata.namespace}"` : ''}`, a.node.path);
  for (const c of classes) claim(`PriorityClass/${c.priorityClassName}`, `PriorityClass "${c.priorityClassName}"`, c.node.path);
  return errors;
}

/** Two agents bind the same host port and protocol when they can run on the same node. */
function hostPortClashes(agents: NodeAgentDaemonSet[]): string[] {
  const claims = new Map<string, NodeAgentDaemonSet[]>();
  for (const agent of agents) {
    for (const port of agent._hostPorts()) claims.set(port, [...(claims.get(port) ?? []), agent]);
  }
  const errors: string[] = [];
  for (const [port, claimants] of claims) {
    for (let i = 0; i < claimants.length; i++) {
      for (let j = i + 1; j < claimants.length; j++) {
        if (disjointNodes(claimants[i]._nodeSelector, claimants[j]._nodeSelector)) continue;
        errors.push(`host port ${port} is bound by agents ${claimants[i].node.path} and ${claimants[j].node.path}, which run on the same nodes; the second cannot start there. Use another port, or node selectors that keep them apart`);
      }
    }
  }
  return errors;
}

function disjointNodes(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.keys(a).some(k => k in b && a[k] !== b[k]);
}

function globalDefaults(classes: CriticalPriorityClass[]): string[] {
  const defaults = classes.filter(c => c.globalDefault);
  if (defaults.length < 2) return [];
  return [`${defaults.length} priority classes are globalDefault (${defaults.map(c => c.node.path).join(', ')}); a cluster admits only one, so keep globalDefault on one class`];
}

/**
 * An agent that names a class defined in this app (by name, not by passing the construct) is
 * written after it, so the class exists when the agent's pods are admitted. The edge is made
 * when both are registered, not during validation: cdk8s resolves dependencies before it
 * validates in synthYaml(), and synthesis must not change what it has already prepared.
 */
function writeClassFirst(agent: NodeAgentDaemonSet, priorityClass: CriticalPriorityClass): void {
  if (priorityClass !== agent.priorityClass) agent.node.addDependency(priorityClass);
}

function unknownPriorityClasses(agents: NodeAgentDaemonSet[], classes: CriticalPriorityClass[]): string[] {
  const defined = new Set(classes.map(c => c.priorityClassName));
  return agents
    // A `system-` name that is not built in cannot exist at all: the system-priority-class rule says so.
    .filter(a => !a.priorityClass.builtIn && !Construct.isConstruct(a.priorityClass) && !defined.has(a.priorityClass.priorityClassName)
      && !a.priorityClass.priorityClassName.startsWith('system-'))
    .map(a => `agent ${a.node.path} uses priority class "${a.priorityClass.priorityClassName}", which is neither built in nor defined in this app: it must exist in the cluster before the agent, or every pod is rejected`);
}
