import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import * as yaml from 'yaml';
import {
  AgentTolerations, AgentUpdateStrategy, Capability, CriticalPriorityClass, HostNetworkDns, HostPath, IPriorityClass,
  NodeAgentContainerProps, NodeAgentDaemonSet, NodeAgentNamespace, PodSecurityLevel, PreemptionPolicy, PriorityClass,
} from '../src';
import { warningsOnly } from './support/output';
import { validateAgainstSchema } from './support/schema';
import { API_SERVER_RULES } from '../src/checks/registry';
import { runRules } from '../src/checks/rule';

/**
 * Random props for every construct, good and bad mixed: each app either synthesizes manifests
 * that the Kubernetes schema and the API-server rules accept, or fails with the library's own
 * validation error (cdk8s's "Validation failed", one `[construct path] message` line each).
 * Nothing else may come out: no raw exception from the library or cdk8s-plus, at construction
 * or at synthesis. 2,000 runs with a fixed seed in CI.
 */
// PROPS_RUNS=n runs fewer, without shrinking, while working on the generators.
const RUNS = {
  numRuns: Number(process.env.PROPS_RUNS ?? 2000),
  endOnFailure: !!process.env.PROPS_RUNS,
  ...(process.env.CI ? { seed: 20261127 } : {}),
};

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'random-props-'));
let stderr: jest.SpyInstance;
beforeAll(() => {
  // Warnings of random apps are many and expected; they are not what this test checks.
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => {
  stderr.mockRestore();
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** Records as users write them: fast-check's null-prototype objects are not a shape props come in. */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, constraints: { requiredKeys?: Array<keyof T> } = {}): fc.Arbitrary<T> {
  // With requiredKeys the other keys may be left out; props take that as undefined.
  return fc.record(model, { ...constraints, noNullPrototype: true } as any) as fc.Arbitrary<T>;
}

// Values: valid apps draw only valid values; the others mix in, about one value in six, the
// mistakes generated cases and people make.
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const either = <T>(bad: boolean, good: fc.Arbitrary<T>, mistakes: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  bad ? fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: mistakes }) : good;
/** A field only a mistaken app sets. */
const onlyBad = <T>(bad: boolean, a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => bad ? opt(a) : fc.constant(undefined);
const seconds = (min: number, max: number) => fc.integer({ min, max }).map(s => Duration.seconds(s));
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
const reason = opt(fc.string({ maxLength: 30 }));
const grant = opt(record({ reason }));

const SAFE_PATHS = [HostPath.XTABLES_LOCK, HostPath.LIB_MODULES, HostPath.CNI_CONFIG, HostPath.VAR_LOG, HostPath.PROC, HostPath.SYS_FS_BPF, HostPath.KUBELET_DIR, HostPath.of('/var/lib/agent', kplus.HostPathVolumeType.DIRECTORY_OR_CREATE)];
const BAD_PATHS = [HostPath.CONTAINERD_SOCKET, HostPath.of('/var/run'), HostPath.of('var/log', kplus.HostPathVolumeType.DIRECTORY), HostPath.of('/opt/agent/../data', kplus.HostPathVolumeType.DIRECTORY)];
const CAPABILITIES = [Capability.NET_ADMIN, Capability.NET_RAW, Capability.SYS_ADMIN, Capability.BPF, Capability.of('cap_perfmon')];
const BAD_CAPABILITIES = [Capability.of('NET_ADMN'), Capability.of('net admin'), Capability.of('ALL')];
const TOLERATIONS = [AgentTolerations.ALL, AgentTolerations.NO_SCHEDULE_AND_NO_EXECUTE, AgentTolerations.CONTROL_PLANE, AgentTolerations.NONE];

/** The arbitraries of one app, valid only or with mistakes. */
function arbitraries(bad: boolean) {
  const name = either(bad, label, fc.constantFrom('Agent_1', '', 'a'.repeat(64), '-agent', 'agent.', 'system-agents'));
  const port = either(bad, fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, -1, 65536, 70000, 1.5));
  const portName = either(bad, fc.constantFrom('http', 'metrics', 'grpc-api'), fc.constantFrom('Http_Port', 'way-too-long-port-name', '8080', 'a--b'));
  const ip = either(bad, fc.oneof(fc.ipV4(), fc.ipV6()), fc.constantFrom('10.0.0.256', 'not-an-ip', 'fe80::1%eth0', ''));
  const hostname = either(bad, fc.domain(), fc.constantFrom('Registry.local', 'registry.local.', '-bad', ''));

  const probeOptions = record({
    failureThreshold: opt(either(bad, fc.integer({ min: 1, max: 5 }), fc.constant(-1))),
    successThreshold: onlyBad(bad, fc.integer({ min: -1, max: 3 })),
    periodSeconds: opt(seconds(1, 30)),
  });
  const probePort = bad ? opt(port) : port;
  const probe = fc.oneof(
    fc.tuple(probePort, probeOptions).map(([p, o]) => kplus.Probe.fromTcpSocket({ ...o, port: p })),
    fc.tuple(probePort, probeOptions).map(([p, o]) => kplus.Probe.fromHttpGet('/healthz', { ...o, port: p })),
    probeOptions.map(o => kplus.Probe.fromCommand(['true'], o)),
  );
  const handler = fc.oneof(
    port.map(p => kplus.Handler.fromTcpSocket({ port: p })),
    port.map(p => kplus.Handler.fromHttpGet('/stop', { port: p })),
    fc.constant(kplus.Handler.fromCommand(['sleep', '5'])),
  );
  const protocol = fc.constantFrom(kplus.Protocol.TCP, kplus.Protocol.UDP);
  const containerPort = record({ number: port, name: onlyBad(bad, portName), protocol: opt(protocol) });
  const ports = bad ? fc.array(containerPort, { maxLength: 3 }) : fc.uniqueArray(containerPort, { selector: p => p.number, maxLength: 3 });
  const securityContext: fc.Arbitrary<kplus.ContainerSecurityContextProps> = bad
    ? record({
      user: fc.integer({ min: -1, max: 70000 }),
      group: fc.integer({ min: -1, max: 70000 }),
      ensureNonRoot: fc.boolean(),
      privileged: fc.boolean(),
      allowPrivilegeEscalation: fc.boolean(),
      readOnlyRootFilesystem: fc.boolean(),
      seccompProfile: record({ type: fc.constantFrom(kplus.SeccompProfileType.RUNTIME_DEFAULT, kplus.SeccompProfileType.UNCONFINED, kplus.SeccompProfileType.LOCALHOST), localhostProfile: opt(fc.constantFrom('profiles/agent.json', '/abs.json', '../up.json')) }),
    }, { requiredKeys: [] })
    : record({
      user: fc.integer({ min: 0, max: 65534 }),
      group: fc.integer({ min: 0, max: 65534 }),
      readOnlyRootFilesystem: fc.boolean(),
      seccompProfile: fc.constant({ type: kplus.SeccompProfileType.RUNTIME_DEFAULT }),
    }, { requiredKeys: [] });
  const hostPath = record({
    hostPath: bad ? fc.constantFrom(...SAFE_PATHS, ...BAD_PATHS) : fc.constantFrom(...SAFE_PATHS),
    writable: fc.boolean(),
    allowSensitive: bad ? fc.boolean() : fc.constant(true),
    mountPath: onlyBad(bad, fc.constantFrom('/host', '/host/var/log', 'relative/mount')),
    propagation: opt(bad
      ? fc.constantFrom(kplus.MountPropagation.BIDIRECTIONAL, kplus.MountPropagation.HOST_TO_CONTAINER)
      : fc.constant(kplus.MountPropagation.HOST_TO_CONTAINER)),
    reason,
  });
  const lifecycle = record<kplus.ContainerLifecycle>({ preStop: handler, postStart: handler }, { requiredKeys: [] });
  const container = (init: boolean): fc.Arbitrary<NodeAgentContainerProps> => record({
    name: onlyBad(bad, name),
    image: either(bad, fc.constantFrom('registry.example/agent:v1', 'busybox'), fc.constant(' ')),
    portNumber: onlyBad(bad, port),
    ports,
    liveness: init ? onlyBad(bad, probe) : opt(probe),
    readiness: init ? onlyBad(bad, probe) : opt(probe),
    startup: init ? onlyBad(bad, probe) : opt(probe),
    // Probes and handlers of an init container that is not a sidecar: the API server refuses them.
    lifecycle: init ? onlyBad(bad, lifecycle) : opt(lifecycle),
    securityContext: opt(securityContext),
    privileged: grant,
    capabilities: opt(record({ add: fc.subarray(bad ? [...CAPABILITIES, ...BAD_CAPABILITIES] : CAPABILITIES), reason })),
    runAsRoot: grant,
    writableRootFilesystem: grant,
    hostPaths: bad ? fc.array(hostPath, { maxLength: 3 }) : fc.uniqueArray(hostPath, { selector: m => m.hostPath.path, maxLength: 3 }),
    hostPorts: bad
      ? fc.array(record({ hostPort: port, containerPort: opt(port), name: opt(portName), hostIp: opt(ip), reason }), { maxLength: 2 })
      : fc.constant([]),
    restartPolicy: onlyBad(bad, fc.constant(kplus.ContainerRestartPolicy.ALWAYS)),
  }, { requiredKeys: ['image'] });

  const dns: fc.Arbitrary<kplus.PodDnsProps> = bad
    ? record({
      policy: fc.constantFrom(...Object.values(kplus.DnsPolicy)),
      nameservers: fc.array(ip, { maxLength: 4 }),
      searches: fc.array(hostname, { maxLength: 7 }),
      hostname: name,
      subdomain: name,
    }, { requiredKeys: [] })
    : fc.tuple(
      fc.oneof(
        record({ policy: fc.constantFrom(kplus.DnsPolicy.CLUSTER_FIRST, kplus.DnsPolicy.DEFAULT) }),
        record({
          policy: fc.constant(kplus.DnsPolicy.NONE),
          nameservers: fc.array(ip, { minLength: 1, maxLength: 3 }),
          searches: fc.array(hostname, { maxLength: 6 }),
        }),
      ),
      record({ hostname: name, subdomain: name }, { requiredKeys: [] }),
    ).map(([policy, names]) => ({ ...policy, ...names }));

  const agent = record({
    name,
    containers: fc.array(container(false), { minLength: bad ? 0 : 1, maxLength: 2 }),
    initContainers: fc.array(container(true), { maxLength: 1 }),
    // With host networking every container port is a host port: only the mistaken apps use it
    // together with random ports (properties.test.ts covers valid host-network agents).
    hostNetwork: onlyBad(bad, record({ dns: fc.constantFrom(HostNetworkDns.NODE, HostNetworkDns.CLUSTER), reason })),
    hostPid: grant,
    hostIpc: grant,
    dns: opt(dns),
    hostAliases: fc.array(record({ ip, hostnames: fc.array(hostname, { maxLength: 2 }) }), { maxLength: 2 }),
    tolerations: fc.constantFrom(...TOLERATIONS),
    nodeSelector: opt(either<Record<string, string>>(bad,
      fc.constantFrom<Record<string, string>>({ 'kubernetes.io/arch': 'arm64' }, { 'node-role.kubernetes.io/agents': '' }),
      fc.constantFrom<Record<string, string>>({ 'node role': 'agents' }, { 'kubernetes.io/arch': 'arm 64' }))),
    surge: onlyBad(bad, fc.integer({ min: 0, max: 2 })),
    maxUnavailable: opt(fc.oneof(
      fc.integer({ min: bad ? 0 : 1, max: 3 }).map(n => kplus.PercentOrAbsolute.absolute(n)),
      fc.integer({ min: bad ? 0 : 1, max: bad ? 150 : 100 }).map(n => kplus.PercentOrAbsolute.percent(n)),
    )),
    minReadySeconds: opt(either(bad, fc.integer({ min: 0, max: 60 }), fc.constant(-1))),
    revisionHistoryLimit: opt(either(bad, fc.integer({ min: 0, max: 10 }), fc.constant(-1))),
    terminationGracePeriod: opt(seconds(0, 60)),
    podSecurity: opt(record({
      user: either(bad, fc.integer({ min: 0, max: 65534 }), fc.constant(-1)),
      group: either(bad, fc.integer({ min: 0, max: 65534 }), fc.constant(-1)),
      fsGroup: either(bad, fc.integer({ min: 0, max: 65534 }), fc.constant(-1)),
    }, { requiredKeys: [] })),
    priority: bad ? fc.constantFrom<Priority>('node', 'cluster', 'existing', 'system', 'defined') : fc.constantFrom<Priority>('node', 'cluster', 'existing', 'defined'),
    criticalPodsQuota: opt(fc.boolean()),
    attachPlainContainer: bad ? fc.boolean() : fc.constant(false),
    nameserverLater: onlyBad(bad, ip),
  });

  const priorityClass = record({
    name: opt(name),
    value: either(bad, fc.integer({ min: -1000, max: 1_000_000_000 }), fc.constantFrom(1_000_000_001, 2_000_001_000, 1.5, 2 ** 31)),
    preemptionPolicy: opt(fc.constantFrom(PreemptionPolicy.NEVER, PreemptionPolicy.PREEMPT_LOWER_PRIORITY)),
    globalDefault: opt(fc.boolean()),
    description: opt(fc.string({ maxLength: 20 })),
  });

  const namespace = record({
    name: opt(name),
    // Only privileged admits every agent a valid app may build.
    enforce: opt(bad ? fc.constantFrom(...Object.values(PodSecurityLevel)) : fc.constant(PodSecurityLevel.PRIVILEGED)),
    policyVersion: opt(either(bad, fc.constantFrom('latest', 'v1.25', 'v1.37'), fc.constantFrom('v2', '1.30'))),
  });

  return record({
    bad: fc.constant(bad),
    namespace: either(bad, fc.constantFrom('kube-system', 'monitoring'), fc.constantFrom('Bad_NS', 'kube.system')),
    agents: fc.array(agent, { minLength: 1, maxLength: 2 }),
    priorityClass: opt(priorityClass),
    namespaceObject: opt(namespace),
  });
}

type Priority = 'node' | 'cluster' | 'existing' | 'system' | 'defined';
const appArb = fc.boolean().chain(arbitraries);

type AppSpec = typeof appArb extends fc.Arbitrary<infer T> ? T : never;

/** Builds the app the way a user would, every construct from its props. */
function build(spec: AppSpec): App {
  const app = new App({ outdir });
  const chart = new Chart(app, 'c', { namespace: spec.namespace });
  const defined = spec.priorityClass ? new CriticalPriorityClass(chart, 'pc', spec.priorityClass) : undefined;
  if (spec.namespaceObject) {
    const { name: nsName, ...rest } = spec.namespaceObject;
    new NodeAgentNamespace(chart, 'ns', { ...rest, metadata: nsName === undefined ? undefined : { name: nsName } });
  }
  spec.agents.forEach((a, i) => {
    const priorityClass: IPriorityClass = {
      node: PriorityClass.SYSTEM_NODE_CRITICAL,
      cluster: PriorityClass.SYSTEM_CLUSTER_CRITICAL,
      existing: PriorityClass.fromName('node-agents'),
      system: PriorityClass.fromName('system-agents'),
      defined: defined ?? PriorityClass.SYSTEM_NODE_CRITICAL,
    }[a.priority];
    // A valid app names its agents and containers apart; a mistaken one may not.
    const unique = (props: NodeAgentContainerProps[], prefix: string) => spec.bad ? props : props.map((c, j) => ({ ...c, name: `${prefix}${j}` }));
    const agent = new NodeAgentDaemonSet(chart, `agent${i}`, {
      metadata: { name: spec.bad ? a.name : `${a.name}-${i}` },
      containers: unique(a.containers, 'c'),
      initContainers: unique(a.initContainers, 'i'),
      hostNetwork: a.hostNetwork,
      hostPid: a.hostPid,
      hostIpc: a.hostIpc,
      dns: a.dns,
      hostAliases: a.hostAliases,
      tolerations: a.tolerations,
      nodeSelector: a.nodeSelector,
      updateStrategy: a.surge === undefined && a.maxUnavailable === undefined ? undefined
        : AgentUpdateStrategy.rollingUpdate({
          maxUnavailable: a.maxUnavailable,
          maxSurge: a.surge === undefined ? undefined : kplus.PercentOrAbsolute.absolute(a.surge),
        }),
      minReadySeconds: a.minReadySeconds,
      revisionHistoryLimit: a.revisionHistoryLimit,
      terminationGracePeriod: a.terminationGracePeriod,
      securityContext: a.podSecurity,
      priorityClass,
      criticalPodsQuota: a.criticalPodsQuota,
    });
    if (a.attachPlainContainer) agent.attachContainer(new kplus.Container({ name: 'plain', image: 'x' }));
    if (a.nameserverLater) agent.dns.addNameserver(a.nameserverLater);
    // The methods' route, besides the props': a container with a grant and a port added later.
    const extra = agent.addContainer({ name: `extra${i}`, image: 'registry.example/agent:v1' });
    if (a.containers[0]?.ports?.[0]) extra.addPort(a.containers[0].ports[0]);
    // podSecurity() of an agent that cannot be rendered throws the library's message (synthesis reports it too).
    try {
      agent.podSecurity();
    } catch (e) {
      expect(e).not.toBeInstanceOf(TypeError);
      expect((e as Error).message).toMatch(new RegExp(`^${agent.node.path}: cannot render DaemonSet: [a-z.A-Z\\[\\]"0-9-]+: `));
    }
  });
  return app;
}

/** What cdk8s-plus-28 and JavaScript throw: none may reach the user. */
const CDK8S_PLUS_MESSAGES = new RegExp([
  'is not a function', 'Cannot read propert', 'undefined is not', 'already exists', 'must only be set if', 'When dns policy',
  'There can be at most', 'Invalid container spec', 'Init containers must not', 'PodSpec must have', 'Either \'port\'', 'Invalid mount configuration',
].join('|'));

/** Every construct path: each validation line must name one of them. */
function constructPaths(app: App): Set<string> {
  return new Set(app.node.findAll().map(c => c.node.path));
}

test('random props for every construct: valid manifests, or the library\'s validation error, never a raw exception', () => {
  const outcomes = { synthesized: 0, refused: 0 };
  fc.assert(fc.property(appArb, spec => {
    // Construction and podSecurity() must not throw: problems are reported at synthesis.
    const app = build(spec);
    let output: string | undefined;
    let thrown: unknown;
    try {
      output = warningsOnly(() => app.synthYaml());
    } catch (e) {
      thrown = e;
    }
    if (output !== undefined) {
      const manifests = yaml.parseAllDocuments(output).map(d => d.toJS()).filter(Boolean);
      expect(manifests.filter(m => m.kind === 'DaemonSet')).toHaveLength(spec.agents.length);
      for (const m of manifests) {
        validateAgainstSchema(m);
        expect(runRules(API_SERVER_RULES, m)).toEqual([]);
      }
      outcomes.synthesized++;
      return;
    }
    outcomes.refused++;
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^Validation failed with the following errors:\n/);
    const lines = message.split('\n').slice(1);
    const paths = constructPaths(app);
    for (const line of lines) {
      const [, where, what] = /^ {2}\[([^\]]+)\] (.+)$/.exec(line) ?? [];
      expect({ line, known: paths.has(where) }).toEqual({ line, known: true });
      expect(what).not.toMatch(CDK8S_PLUS_MESSAGES);
    }
  }), RUNS);
  // Both outcomes are exercised, or the property proves little.
  process.stdout.write(`OUTCOMES ${JSON.stringify(outcomes)}\n`);
  expect(outcomes.synthesized).toBeGreaterThan(RUNS.numRuns / 20);
  expect(outcomes.refused).toBeGreaterThan(RUNS.numRuns / 20);
});

test('valid props for every construct always synthesize', () => {
  const validAgent = record({
    name: label,
    image: fc.constantFrom('registry.example/agent:v1', 'busybox'),
    ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
    probePort: fc.integer({ min: 1, max: 65535 }),
    nameservers: fc.array(fc.ipV4(), { minLength: 1, maxLength: 3 }),
    aliases: fc.array(record({ ip: fc.ipV4(), hostnames: fc.array(label, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
    caps: fc.subarray([Capability.NET_ADMIN, Capability.NET_RAW, Capability.BPF, Capability.PERFMON]),
  });
  const value = fc.integer({ min: -1000, max: 1_000_000_000 });
  fc.assert(fc.property(validAgent, opt(label), value, opt(label), (a, className, priority, nsName) => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'c', { namespace: 'agents' });
    const pc = new CriticalPriorityClass(chart, 'pc', { name: className, value: priority });
    new NodeAgentNamespace(chart, 'ns', { metadata: { name: nsName ?? 'agents' } });
    const agent = new NodeAgentDaemonSet(chart, 'agent', {
      metadata: { name: a.name },
      priorityClass: pc,
      dns: { policy: kplus.DnsPolicy.NONE, nameservers: a.nameservers },
      hostAliases: a.aliases,
      containers: [{
        name: 'main',
        image: a.image,
        ports: a.ports.map(number => ({ number })),
        liveness: kplus.Probe.fromTcpSocket({ port: a.probePort }),
        capabilities: a.caps.length ? { add: a.caps, reason: 'random' } : undefined,
      }],
    });
    agent.addAgentInitContainer({ name: 'init', image: a.image, ports: a.ports.map(number => ({ number })) });
    const manifests = yaml.parseAllDocuments(warningsOnly(() => app.synthYaml())).map(d => d.toJS());
    for (const m of manifests) validateAgainstSchema(m);
    expect(manifests.find(m => m.kind === 'PriorityClass').metadata.name).toBe(pc.priorityClassName);
  }), { ...RUNS, numRuns: 100 });
});
