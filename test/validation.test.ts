import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AgentUpdateStrategy, Capability, CriticalPriorityClass, HostNetworkDns, HostPath, NodeAgentDaemonSet,
  NodeAgentDaemonSetProps, PriorityClass,
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
    expect(errorsOf({})).toEqual([`${PATH} cannot render DaemonSet: PodSpec must have at least 1 container`]);
  });

  test('probes on an init container, all reported', () => {
    const probe = kplus.Probe.fromTcpSocket({ port: 80 });
    expect(errorsOf({ containers: [{ image: 'x' }], initContainers: [{ name: 'setup', image: 'x', liveness: probe, readiness: probe }] })).toEqual([
      `${PATH} initContainers["setup"].readiness: init containers cannot have probes unless they are sidecars; remove the probe or set restartPolicy: ContainerRestartPolicy.ALWAYS`,
      `${PATH} initContainers["setup"].liveness: init containers cannot have probes unless they are sidecars; remove the probe or set restartPolicy: ContainerRestartPolicy.ALWAYS`,
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

  test('a port cdk8s-plus refuses while building the container', () => {
    expect(errorsOf({ containers: [{ image: 'x', ports: [{ number: 80 }, { number: 80 }] }] })).toEqual([
      `${PATH} containers[0]: Port with number 80 and protocol TCP already exists`,
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
