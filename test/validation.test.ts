import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentUpdateStrategy, Capability, CriticalPriorityClass, HostNetworkDns, HostPath, NodeAgentDaemonSet,
  NodeAgentDaemonSetProps, PriorityClass, ValidationPolicy,
} from '../src';
import { withStderr } from './support/output';
import { errorLines, synthError } from './support/synth';

/** The validation lines of a chart holding one agent built by `build`. */
function errorsOf(props: NodeAgentDaemonSetProps, build: (ds: NodeAgentDaemonSet) => void = () => {}): string[] {
  const chart = Testing.chart();
  const ds = new NodeAgentDaemonSet(chart, 'agent', { metadata: { name: 'agent', namespace: 'kube-system' }, ...props });
  build(ds);
  return errorLines(synthError(chart));
}

const PATH = '[test/agent]';

describe('each invalid prop is reported with the construct path, the field, the bad value and what is accepted', () => {
  test('privileged with allowPrivilegeEscalation: false', () => {
    expect(errorsOf({ containers: [{ name: 'c', image: 'x', privileged: {}, securityContext: { allowPrivilegeEscalation: false } }] })).toEqual([
      `${PATH} spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: allowPrivilegeEscalation: false is rejected together with privileged: true in container "c"; leave allowPrivilegeEscalation unset (or true) for a privileged container [privileged-escalation]`,
    ]);
  });

  test('maxSurge with host networking', () => {
    expect(errorsOf({
      hostNetwork: { dns: HostNetworkDns.NODE },
      updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1) }),
      containers: [{ image: 'x' }],
    })).toEqual([
      `${PATH} spec.updateStrategy.rollingUpdate.maxSurge: maxSurge 1 with host networking: the surge pod cannot bind the node's ports while the old pod runs, so the rollout stalls; use maxUnavailable instead [max-surge-with-host-ports]`,
    ]);
  });

  test('maxSurge with a host port', () => {
    const errors = errorsOf({ updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(10) }) },
      ds => ds.addContainer({ image: 'x' }).grantHostPort(9100));
    expect(errors).toEqual([expect.stringContaining('maxSurge "10%" with host ports')]);
  });

  test('maxUnavailable above 100%', () => {
    expect(errorsOf({ updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(150) }), containers: [{ image: 'x' }] })).toEqual([
      `${PATH} spec.updateStrategy.rollingUpdate.maxUnavailable: maxUnavailable "150%" is more than 100%; use at most "100%" [daemon-set-update-strategy]`,
    ]);
  });

  test('maxUnavailable and maxSurge both zero', () => {
    expect(errorsOf({ updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }), containers: [{ image: 'x' }] })).toEqual([
      expect.stringContaining('maxUnavailable and maxSurge are both 0'),
    ]);
  });

  test('a host path with ".."', () => {
    expect(errorsOf({ containers: [{ image: 'x', hostPaths: [{ hostPath: HostPath.of('/opt/agent/../data', kplus.HostPathVolumeType.DIRECTORY) }] }] })).toEqual([
      `${PATH} spec.template.spec.volumes[0].hostPath.path: host path "/opt/agent/../data" contains ".."; give the resolved absolute path [host-path-volumes]`,
    ]);
  });

  test('Bidirectional propagation without privileged', () => {
    expect(errorsOf({ containers: [{ name: 'csi', image: 'x', hostPaths: [{ hostPath: HostPath.KUBELET_DIR, writable: true, allowSensitive: true, propagation: kplus.MountPropagation.BIDIRECTIONAL }] }] })).toEqual([
      `${PATH} spec.template.spec.containers[0].volumeMounts[0].mountPropagation: Bidirectional mount propagation of "/var/lib/kubelet" needs a privileged container, and "csi" is not; grant privileged, or use HostToContainer [mount-propagation]`,
    ]);
  });

  test('a host port that differs from the container port on the host network', () => {
    expect(errorsOf({ hostNetwork: { dns: HostNetworkDns.CLUSTER } }, ds => ds.addContainer({ image: 'x' }).grantHostPort(9100, { containerPort: 8080 }))).toEqual([
      expect.stringContaining(`${PATH} spec.template.spec.containers[0].ports[0].hostPort: hostPort 9100 differs from containerPort 8080 with hostNetwork: true`),
    ]);
  });

  test('two containers with the same port on the host network', () => {
    expect(errorsOf({ hostNetwork: { dns: HostNetworkDns.NODE } }, ds => {
      ds.addContainer({ name: 'a', image: 'x', ports: [{ number: 9090 }] });
      ds.addContainer({ name: 'b', image: 'x', ports: [{ number: 9090 }] });
    })).toEqual([
      `${PATH} spec.template.spec.containers[1].ports[0]: host port 9090/TCP is already bound by spec.template.spec.containers[0].ports[0] (with host networking every containerPort is a host port); each host port and protocol can be bound once per pod [duplicate-host-ports]`,
    ]);
  });

  test('a capability name that is not one', () => {
    expect(errorsOf({ containers: [{ image: 'x', capabilities: { add: [Capability.of('net admin')] } }] })).toEqual([
      `${PATH} spec.template.spec.containers[0].securityContext.capabilities.add[0]: capability "NET ADMIN" is not a capability name; use the upper-case name without "CAP_", such as NET_ADMIN [capability-names]`,
    ]);
  });

  test('a DNS policy that contradicts the host network choice', () => {
    const [errors, warnings] = withStderr(() => errorsOf({ hostNetwork: { dns: HostNetworkDns.NODE }, dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST }, containers: [{ image: 'x' }] }));
    expect(errors).toEqual([
      `${PATH} dns.policy: "ClusterFirst" contradicts hostNetwork.dns "Default"; set the DNS mode once, in hostNetwork.dns (HostNetworkDns.NODE or HostNetworkDns.CLUSTER)`,
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^Warning: \[test\/agent\] spec\.template\.spec\.dnsPolicy: hostNetwork with dnsPolicy ClusterFirst .*\[host-network-dns\]$/)]);
  });

  test('no container', () => {
    expect(errorsOf({})).toEqual([`${PATH} cannot render DaemonSet: containers: the agent has no container; give it one with containers: [...] or addContainer()`]);
  });

  test('probes and lifecycle handlers on an init container, all reported once', () => {
    const probe = kplus.Probe.fromTcpSocket({ port: 80 });
    const lifecycle = { preStop: kplus.Handler.fromCommand(['true']) };
    expect(errorsOf({ containers: [{ image: 'x' }], initContainers: [{ name: 'setup', image: 'x', liveness: probe, readiness: probe, lifecycle }] })).toEqual([
      `${PATH} initContainers["setup"].readiness: init containers cannot have probes unless they are sidecars; remove the probe or set restartPolicy: ContainerRestartPolicy.ALWAYS`,
      `${PATH} initContainers["setup"].liveness: init containers cannot have probes unless they are sidecars; remove the probe or set restartPolicy: ContainerRestartPolicy.ALWAYS`,
      `${PATH} initContainers["setup"].lifecycle: init containers cannot have lifecycle handlers unless they are sidecars; remove the handlers or set restartPolicy: ContainerRestartPolicy.ALWAYS`,
    ]);
  });

  test('two containers with the same name', () => {
    expect(errorsOf({ containers: [{ image: 'x' }, { image: 'y' }] })).toEqual([
      `${PATH} spec.template.spec.containers[1].name: container name "main" is used twice; every container and init container needs its own name [container-names]`,
    ]);
  });

  test('an invalid port name', () => {
    expect(errorsOf({ containers: [{ image: 'x', ports: [{ number: 80, name: 'http_metrics' }] }] })).toEqual([
      expect.stringContaining('port name "http_metrics" is not an IANA service name'),
    ]);
  });

  test('a port cdk8s-plus would refuse while building the container', () => {
    expect(errorsOf({ containers: [{ image: 'x', ports: [{ number: 80 }, { number: 80 }] }] })).toEqual([
      `${PATH} containers["main"].ports[1]: port 80/TCP is declared twice in container "main"; declare each port number and protocol once per container`,
    ]);
  });

  test('a priority class name that is not a DNS subdomain', () => {
    const [errors, warnings] = withStderr(() => errorsOf({ priorityClass: PriorityClass.fromName('Node_Agents'), containers: [{ image: 'x' }] }));
    expect(errors).toEqual([
      expect.stringContaining('spec.template.spec.priorityClassName: priorityClassName "Node_Agents" is not a DNS-1123 subdomain'),
    ]);
    expect(warnings).toEqual([expect.stringContaining('Warning: [NodeAgentsAppChecks] agent test/agent uses priority class "Node_Agents", which is neither built in nor defined in this app')]);
  });

  test('an invalid DaemonSet name', () => {
    const chart = Testing.chart();
    new NodeAgentDaemonSet(chart, 'agent', { metadata: { name: 'Agent' }, containers: [{ image: 'x' }], criticalPodsQuota: false });
    expect(errorLines(synthError(chart))).toEqual([expect.stringContaining('[test/agent] metadata.name: name "Agent" is not a DNS-1123 subdomain')]);
  });
});

describe('CriticalPriorityClass', () => {
  test('a value above one billion and a reserved name are both reported', () => {
    const chart = Testing.chart();
    new CriticalPriorityClass(chart, 'pc', { name: 'system-agents', value: 2_000_000_000 });
    expect(errorLines(synthError(chart))).toEqual([
      '[test/pc] metadata.name: name "system-agents" starts with "system-", which is reserved for the built-in classes; choose another name, or reference PriorityClass.SYSTEM_NODE_CRITICAL / SYSTEM_CLUSTER_CRITICAL instead of defining one [priority-class-name]',
    ]);
  });

  test('a value above one billion', () => {
    const chart = Testing.chart();
    new CriticalPriorityClass(chart, 'pc', { name: 'agents', value: 1_000_000_001 });
    expect(errorLines(synthError(chart))).toEqual([
      '[test/pc] value: value 1000000001 is above 1000000000, the maximum for a user-defined priority class; use at most 1000000000, or reference PriorityClass.SYSTEM_NODE_CRITICAL [priority-class-value]',
    ]);
  });

  test('a value that is not an integer', () => {
    const chart = Testing.chart();
    new CriticalPriorityClass(chart, 'pc', { name: 'agents', value: 1.5 });
    expect(errorLines(synthError(chart))).toEqual([expect.stringContaining('value 1.5 is not a 32-bit integer')]);
  });
});

test('every problem of an app is reported in one error, across charts', () => {
  const app = Testing.app();
  const a = new Chart(app, 'a', { namespace: 'kube-system' });
  new NodeAgentDaemonSet(a, 'one', { containers: [{ image: 'x', capabilities: { add: [Capability.of('bad cap')] } }] });
  new NodeAgentDaemonSet(a, 'two', {});
  const b = new Chart(app, 'b');
  new CriticalPriorityClass(b, 'pc', { name: 'agents', value: 5_000_000_000 });
  const lines = errorLines(synthError(app as App));
  expect(lines).toEqual([
    expect.stringMatching(/^\[a\/one\] .*capability "BAD CAP"/),
    expect.stringMatching(/^\[a\/two\] cannot render DaemonSet/),
    expect.stringMatching(/^\[b\/pc\] value: value 5000000000 is above/),
  ]);
});

test('an app with five different mistakes in three charts reports all five in one error', () => {
  const app = Testing.app();
  const network = new Chart(app, 'network', { namespace: 'kube-system' });
  const logging = new Chart(app, 'logging', { namespace: 'logging' });
  const classes = new Chart(app, 'classes');
  new NodeAgentDaemonSet(network, 'cni', {
    hostNetwork: { dns: HostNetworkDns.NODE },
    updateStrategy: AgentUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1) }),
    containers: [{ name: 'cni', image: 'x', privileged: {}, securityContext: { allowPrivilegeEscalation: false } }],
  });
  new NodeAgentDaemonSet(logging, 'shipper', { containers: [{ name: 'shipper', image: 'x', hostPaths: [{ hostPath: HostPath.of('/var/run') }] }] });
  new NodeAgentDaemonSet(logging, 'other', { containers: [{ name: 'Other', image: 'x' }] });
  new CriticalPriorityClass(classes, 'pc', { name: 'system-agents', value: 10 });
  const lines = errorLines(synthError(app));
  expect(lines).toEqual([
    expect.stringMatching(/^\[network\/cni\] .*allowPrivilegeEscalation: false is rejected together with privileged: true/),
    expect.stringMatching(/^\[network\/cni\] spec\.updateStrategy\.rollingUpdate\.maxSurge: maxSurge 1 with host networking/),
    expect.stringMatching(/^\[logging\/shipper\] spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]: containers\["shipper"\] hostPath "\/var\/run" \(read-only\) contains \/var\/run\/docker\.sock/),
    expect.stringMatching(/^\[logging\/other\] spec\.template\.spec\.containers\[0\]\.name: container name "Other" is not a DNS-1123 label/),
    expect.stringMatching(/^\[classes\/pc\] metadata\.name: name "system-agents" starts with "system-"/),
  ]);
});

describe('bad props from generated cases get the library\'s error, not a raw one', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const newChart = () => new Chart(new App({ outdir }), 'c', { namespace: 'kube-system' });
  /** The validation lines of an app whose chart holds one agent, warnings counted as errors when asked. */
  function linesOf(build: (chart: Chart) => void, warningsAsErrors = false): string[] {
    const chart = newChart();
    if (warningsAsErrors) ValidationPolicy.warningsAsErrors(chart);
    build(chart);
    return errorLines(synthError(chart.node.root as App));
  }
  const agent = (chart: Chart, props: NodeAgentDaemonSetProps = {}) =>
    new NodeAgentDaemonSet(chart, 'a', { metadata: { name: 'a' }, containers: [{ name: 'c', image: 'x' }], ...props });

  test('attachContainer with a plain cdk8s-plus container', () => {
    expect(linesOf(chart => agent(chart).attachContainer(new kplus.Container({ name: 'plain', image: 'y' })))).toEqual([
      '[c/a] containers["plain"]: attachContainer() was given a cdk8s-plus Container, which carries no grants; add it with addContainer(props) or addAgentContainer(props), which return an AgentContainer',
    ]);
  });

  test('attachContainer with an AgentContainer of another agent', () => {
    expect(linesOf(chart => {
      const other = new NodeAgentDaemonSet(chart, 'other', { metadata: { name: 'other' } });
      const borrowed = other.addContainer({ name: 'borrowed', image: 'y' });
      agent(chart).attachContainer(borrowed);
    })).toEqual([
      '[c/a] containers["borrowed"]: attachContainer() was given a container of agent c/other, whose grants are recorded there; add a container of this agent with addContainer(props)',
    ]);
  });

  test('dnsPolicy None without a nameserver: synthesis and podSecurity() say so', () => {
    const message = 'dns.nameservers: dns.policy "None" needs at least one nameserver, and none is given; add one (dns: { nameservers: [...] } or agent.dns.addNameserver()) or choose another policy';
    expect(linesOf(chart => agent(chart, { dns: { policy: kplus.DnsPolicy.NONE } }))).toEqual([`[c/a] cannot render DaemonSet: ${message}`]);
    const ds = agent(newChart(), { dns: { policy: kplus.DnsPolicy.NONE } });
    expect(() => ds.podSecurity()).toThrow(`c/a: cannot render DaemonSet: ${message}`);
    ds.dns.addNameserver('10.0.0.10');
    expect(ds.podSecurity().level).toBe('restricted');
  });

  test('more than three nameservers', () => {
    expect(linesOf(chart => agent(chart, { dns: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] } }))).toEqual([
      '[c/a] cannot render DaemonSet: dns.nameservers: 4 nameservers given (1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4); a pod accepts at most 3',
    ]);
  });

  test('addAgentInitContainer and addContainer with a duplicate port, and addPort of a port already there', () => {
    expect(linesOf(chart => {
      const ds = agent(chart);
      ds.addAgentInitContainer({ name: 'init', image: 'x', ports: [{ number: 80 }, { number: 80 }] });
      ds.addContainer({ name: 'web', image: 'x', ports: [{ number: 81, name: 'web' }] }).addPort({ number: 82, name: 'web' });
    })).toEqual([
      '[c/a] initContainers["init"].ports[1]: port 80/TCP is declared twice in container "init"; declare each port number and protocol once per container',
      '[c/a] containers["web"].ports[1]: port name "web" is declared twice in container "web"; give each port its own name',
    ]);
  });

  test('restartPolicy on a regular container', () => {
    expect(linesOf(chart => agent(chart, { containers: [{ name: 'c', image: 'x', restartPolicy: kplus.ContainerRestartPolicy.ALWAYS }] }))).toEqual([
      '[c/a] containers["c"].restartPolicy: "Always" is only for init containers (restartPolicy: Always makes one a sidecar); remove it, or add the container with addInitContainer()',
    ]);
  });

  test('seccomp RuntimeDefault with a localhost profile, through props and through addContainer', () => {
    const seccompProfile = { type: kplus.SeccompProfileType.RUNTIME_DEFAULT, localhostProfile: 'profiles/agent.json' };
    expect(linesOf(chart => {
      agent(chart, { containers: [{ name: 'c', image: 'x', securityContext: { seccompProfile } }] }).addContainer({ name: 'd', image: 'x', securityContext: { seccompProfile } });
    })).toEqual([0, 1].map(i =>
      `[c/a] spec.template.spec.containers[${i}].securityContext.seccompProfile.localhostProfile: localhostProfile "profiles/agent.json" is set with type "RuntimeDefault"; set it only with type Localhost, or remove it [seccomp-profile]`));
  });

  test('a relative host path', () => {
    expect(linesOf(chart => agent(chart, { containers: [{ name: 'c', image: 'x', hostPaths: [{ hostPath: HostPath.of('var/log', kplus.HostPathVolumeType.DIRECTORY), mountPath: '/host/var/log' }] }] }))).toEqual([
      '[c/a] spec.template.spec.volumes[0].hostPath.path: host path "var/log" is relative; the API server accepts it, but it is not anchored at the node\'s root (the kubelet and the runtime resolve it against their working directories); give the absolute path ("/var/log") [relative-host-path]',
    ]);
  });

  test('a misspelled capability is a warning naming the kernel\'s list', () => {
    expect(linesOf(chart => agent(chart, { containers: [{ name: 'c', image: 'x', capabilities: { add: [Capability.of('NET_ADMN')] } }] }), true)).toEqual([
      expect.stringMatching(/^\[c\/a\] spec\.template\.spec\.containers\[0\]\.securityContext\.capabilities\.add\[0\]: capability "NET_ADMN" is not one of the 41 capabilities of Linux \(include\/uapi\/linux\/capability\.h, CHOWN to CHECKPOINT_RESTORE\); did you mean NET_ADMIN\? .*runc.*CRI-O.* \[capability-names\]$/),
    ]);
  });

  test('a system- priority class that is not built in', () => {
    expect(linesOf(chart => agent(chart, { priorityClass: PriorityClass.fromName('system-agents-critical') }))).toEqual([
      '[c/a] spec.template.spec.priorityClassName: priorityClassName "system-agents-critical" starts with "system-" but is neither system-node-critical nor system-cluster-critical; no such class can exist (the prefix is reserved), so every pod would be rejected; use PriorityClass.SYSTEM_NODE_CRITICAL, SYSTEM_CLUSTER_CRITICAL or a class of your own [system-priority-class]',
    ]);
  });

  test('host aliases and probe ports the API server rejects', () => {
    expect(linesOf(chart => agent(chart, {
      hostAliases: [{ ip: '10.0.0.256', hostnames: ['registry.local'] }],
      containers: [{ name: 'c', image: 'x', liveness: kplus.Probe.fromTcpSocket({ port: 70000 }) }],
    }))).toEqual([
      '[c/a] spec.template.spec.containers[0].livenessProbe.tcpSocket.port: port 70000 is not a port number or name; use an integer from 1 to 65535, or the name of a port (an IANA service name) [handler-ports]',
      '[c/a] spec.template.spec.hostAliases[0].ip: ip "10.0.0.256" is not an IP address; use an IPv4 or IPv6 address [host-aliases]',
    ]);
  });
});
