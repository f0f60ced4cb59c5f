import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as ts from 'typescript';
import { NodeAgentContainerProps, NodeAgentDaemonSet } from '../src';
import { HARDENED_CONTAINER, STRICT_COMPILER_OPTIONS } from './support/expected';

/*
 * NodeAgentContainerProps re-declares cdk8s-plus' ContainerProps rather than extending it (jsii
 * cannot re-document an inherited prop's default), so nothing but this guard keeps the two in
 * step. It is checked by the compiler, and the first test below runs the compiler on this file.
 */

/** Keys of cdk8s-plus' ContainerProps that NodeAgentContainerProps lacks. */
type Missing = Exclude<keyof kplus.ContainerProps, keyof NodeAgentContainerProps>;
/** Shared keys whose types differ (either way, optionality included). */
type Differing = {
  [K in keyof kplus.ContainerProps & keyof NodeAgentContainerProps]-?: [kplus.ContainerProps[K]] extends [NodeAgentContainerProps[K]]
    ? ([NodeAgentContainerProps[K]] extends [kplus.ContainerProps[K]] ? never : K)
    : K;
}[keyof kplus.ContainerProps & keyof NodeAgentContainerProps];

// A compile error on one of these lines names the key that is missing or differs.
export const NOTHING_MISSING: [Missing] extends [never] ? true : Missing = true;
export const NOTHING_DIFFERING: [Differing] extends [never] ? true : Differing = true;
// An object of either type is accepted as the other's cdk8s-plus part.
export const fromCdk8sPlus = (p: kplus.ContainerProps): NodeAgentContainerProps => p;
export const toCdk8sPlus = (p: NodeAgentContainerProps): kplus.ContainerProps => p;

test('NodeAgentContainerProps has every key of cdk8s-plus ContainerProps, with the same type', () => {
  const options: ts.CompilerOptions = { ...STRICT_COMPILER_OPTIONS, types: ['node', 'jest'] };
  const program = ts.createProgram([__filename], options);
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(__filename))
    .map(d => `line ${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(errors).toEqual([]);
});

describe('the three props whose defaults differ from cdk8s-plus', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'container-props-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  function rendered(props: Partial<NodeAgentContainerProps>): { container: any; init: any } {
    const chart = new Chart(new App({ outdir }), 'chart', { namespace: 'kube-system' });
    const agent = new NodeAgentDaemonSet(chart, 'agent');
    agent.addAgentContainer({ name: 'agent', image: 'example/agent:1.0', ...props });
    agent.addAgentInitContainer({ name: 'setup', image: 'example/setup:1.0', ...props });
    const spec = Testing.synth(chart).find(m => m.kind === 'DaemonSet').spec.template.spec;
    return { container: spec.containers[0], init: spec.initContainers[0] };
  }

  test('default to the library\'s values, not cdk8s-plus\'', () => {
    for (const container of Object.values(rendered({}))) {
      expect(container.imagePullPolicy).toBe('IfNotPresent');
      expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
      expect(container.securityContext).toEqual(HARDENED_CONTAINER);
    }
  });

  test('are written as given', () => {
    const given = rendered({
      imagePullPolicy: kplus.ImagePullPolicy.NEVER,
      resources: { cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(400) }, memory: { request: Size.mebibytes(100) } },
      securityContext: {
        user: 1000,
        group: 3000,
        ensureNonRoot: true,
        readOnlyRootFilesystem: false,
        seccompProfile: { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/agent.json' },
        capabilities: { add: [kplus.Capability.NET_BIND_SERVICE], drop: [kplus.Capability.ALL] },
      },
    });
    for (const container of Object.values(given)) {
      expect(container.imagePullPolicy).toBe('Never');
      // Nothing of the default resources is merged in (no memory limit).
      expect(container.resources).toEqual({ requests: { cpu: '200m', memory: '100Mi' }, limits: { cpu: '400m' } });
      expect(container.securityContext).toEqual({
        runAsUser: 1000,
        runAsGroup: 3000,
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: false,
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/agent.json' },
        capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      });
    }
  });
});

describe('the startup probe cdk8s-plus derives from portNumber', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'container-props-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('is kept for a container and a sidecar, not written for an init container, which the API server forbids it', () => {
    const chart = new Chart(new App({ outdir }), 'chart', { namespace: 'kube-system' });
    const agent = new NodeAgentDaemonSet(chart, 'agent');
    agent.addContainer({ name: 'agent', image: 'example/agent:1.0', portNumber: 8080 });
    agent.addInitContainer({ name: 'setup', image: 'example/setup:1.0', portNumber: 9090 });
    agent.addInitContainer({ name: 'proxy', image: 'example/proxy:1.0', portNumber: 9091, restartPolicy: kplus.ContainerRestartPolicy.ALWAYS });
    const spec = Testing.synth(chart).find(m => m.kind === 'DaemonSet').spec.template.spec;
    const [setup, proxy] = spec.initContainers;
    expect(spec.containers[0].startupProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8080 } });
    expect(setup.startupProbe).toBeUndefined();
    expect(setup.ports).toEqual([{ containerPort: 9090 }]);
    expect(proxy.startupProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 9091 } });
  });
});
