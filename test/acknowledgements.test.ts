import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, Scanner, ScannerAcknowledgements } from '../src';
import { ofKind, synthValid } from './support/synth';

/** An agent with host network, NET_ADMIN and a writable /var/lib/agent, plus one without grants; every scanner chosen. */
function manifests() {
  const chart = Testing.chart();
  ScannerAcknowledgements.only(chart, Scanner.all());
  const ds = new NodeAgentDaemonSet(chart, 'a', { metadata: { name: 'cni', namespace: 'kube-system' }, hostNetwork: { dns: HostNetworkDns.NODE, reason: 'CNI' } });
  const c = ds.addContainer({ name: 'cni', image: 'x' });
  c.grantCapabilities([Capability.NET_ADMIN], { reason: 'routes=tables' });
  c.mountHostPath(HostPath.of('/var/lib/agent'), { writable: true, reason: 'state' });
  new NodeAgentDaemonSet(chart, 'b', { metadata: { name: 'plain', namespace: 'kube-system' }, containers: [{ image: 'x' }] });
  const [cni, plain] = synthValid(chart).filter(m => m.kind === 'DaemonSet');
  return { cni, plain };
}

const { cni, plain } = manifests();
const annotations = (obj: any, prefix: string) =>
  Object.fromEntries(Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => k.startsWith(prefix)));
const podLabels = (obj: any, prefix: string) =>
  Object.fromEntries(Object.entries(obj.spec.template.metadata.labels ?? {}).filter(([k]) => k.startsWith(prefix)));

const NOTE = 'granted; reasons in node-agents.cdk8s.io/grants';

test('kube-linter: ignore-check annotations on the DaemonSet pointing to the reasons, for granted checks only', () => {
  expect(annotations(cni, 'ignore-check.kube-linter.io/')).toEqual({
    'ignore-check.kube-linter.io/host-network': NOTE,
    'ignore-check.kube-linter.io/run-as-non-root': NOTE,
    'ignore-check.kube-linter.io/writable-host-mount': NOTE,
  });
  // Not granted, so not silenced: privileged-container, drop-net-raw-capability, sensitive-host-mounts, ...
  expect(annotations(plain, 'ignore-check.kube-linter.io/')).toEqual({});
});

test('Polaris: exempt annotations on the DaemonSet, for granted checks only', () => {
  expect(annotations(cni, 'polaris.fairwinds.com/')).toEqual({
    'polaris.fairwinds.com/hostNetworkSet-exempt': 'true',
    'polaris.fairwinds.com/dangerousCapabilities-exempt': 'true',
    'polaris.fairwinds.com/runAsRootAllowed-exempt': 'true',
    'polaris.fairwinds.com/hostPathSet-exempt': 'true',
  });
  expect(annotations(plain, 'polaris.fairwinds.com/')).toEqual({});
});

test('Checkov: a skip annotation per check, numbered by the check, pointing to the reasons', () => {
  expect(annotations(cni, 'checkov.io/')).toEqual({
    'checkov.io/skip19': `CKV_K8S_19=${NOTE}`,
    'checkov.io/skip25': `CKV_K8S_25=${NOTE}`,
    'checkov.io/skip23': `CKV_K8S_23=${NOTE}`,
  });
  expect(annotations(plain, 'checkov.io/')).toEqual({});
});

test('kubeaudit: per-container and pod-wide allow labels on the pod template', () => {
  expect(podLabels(cni, 'container.kubeaudit.io/')).toEqual({
    'container.kubeaudit.io/cni.allow-capability-net-admin': 'granted',
    'container.kubeaudit.io/cni.allow-run-as-root': 'granted',
  });
  expect(podLabels(cni, 'kubeaudit.io/')).toEqual({ 'kubeaudit.io/allow-namespace-host-network': 'granted' });
  expect(podLabels(plain, 'container.kubeaudit.io/')).toEqual({});
  expect(ofKind([cni], 'DaemonSet').metadata.annotations['ignore-check.kube-linter.io/privileged-container']).toBeUndefined();
});

test('kubeaudit: a host-path label only for the paths its mounts auditor flags, the others raise nothing', () => {
  const chart = Testing.chart();
  ScannerAcknowledgements.only(chart, [Scanner.KUBEAUDIT]);
  const ds = new NodeAgentDaemonSet(chart, 'a', { metadata: { namespace: 'kube-system' } });
  const c = ds.addContainer({ name: 'probe', image: 'x' });
  c.mountHostPath(HostPath.PROC, { reason: 'process metrics', allowSensitive: true });
  c.mountHostPath(HostPath.VAR_LOG, { reason: 'logs' });
  c.mountHostPath(HostPath.of('/var/lib/agent'), { writable: true, reason: 'state' });
  expect(podLabels(ofKind(synthValid(chart), 'DaemonSet'), 'container.kubeaudit.io/probe.allow-host-path')).toEqual({
    'container.kubeaudit.io/probe.allow-host-path-mount-host-proc': 'granted',
  });
});

describe('ScannerAcknowledgements: the scanners a team runs', () => {
  const SCANNER_KEYS = /^(ignore-check\.kube-linter\.io|polaris\.fairwinds\.com|checkov\.io|container\.kubeaudit\.io|kubeaudit\.io)\//;
  const scannerKeys = (obj: any) => [...Object.keys(obj.metadata.annotations ?? {}), ...Object.keys(obj.spec.template.metadata.labels ?? {})]
    .filter(k => SCANNER_KEYS.test(k)).map(k => k.split('/')[0]).filter((k, i, all) => all.indexOf(k) === i).sort();

  function agentIn(chart: Chart): any {
    const ds = new NodeAgentDaemonSet(chart, 'a', { metadata: { namespace: 'kube-system' }, hostNetwork: { dns: HostNetworkDns.NODE, reason: 'CNI' } });
    ds.addContainer({ name: 'cni', image: 'x' }).grantCapabilities([Capability.NET_ADMIN], { reason: 'routes' });
    return () => ofKind(Testing.synth(chart), 'DaemonSet');
  }

  const outdir = mkdtempSync(join(tmpdir(), 'acks-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('by default, an agent carries the grants annotation and no scanner\'s acknowledgement', () => {
    const app = new App({ outdir });
    const ds = agentIn(new Chart(app, 'c'))();
    expect(ScannerAcknowledgements.of(app)).toEqual([]);
    expect(scannerKeys(ds)).toEqual([]);
    expect(Object.keys(ds.metadata.annotations)).toEqual(['node-agents.cdk8s.io/grants']);
    expect(ds.spec.template.metadata.labels).toEqual(ds.spec.selector.matchLabels);
    expect(ds.metadata.annotations['node-agents.cdk8s.io/grants']).toContain('"reason":"routes"');
  });

  test('every scanner, when all are chosen', () => {
    expect(Scanner.all().map(s => s.name)).toEqual(['kube-linter', 'Polaris', 'Checkov', 'kubeaudit']);
    expect(scannerKeys(cni)).toEqual(['checkov.io', 'container.kubeaudit.io', 'ignore-check.kube-linter.io', 'kubeaudit.io', 'polaris.fairwinds.com']);
  });

  test('only the chosen scanners are written; the grants annotation stays', () => {
    const app = new App({ outdir });
    ScannerAcknowledgements.only(app, [Scanner.KUBE_LINTER, Scanner.KUBEAUDIT]);
    const ds = agentIn(new Chart(app, 'c'))();
    expect(scannerKeys(ds)).toEqual(['container.kubeaudit.io', 'ignore-check.kube-linter.io', 'kubeaudit.io']);
    expect(ds.metadata.annotations['node-agents.cdk8s.io/grants']).toContain('"reason":"routes"');
  });

  test('the nearest scope decides: a chart can choose differently from its app, and none at all', () => {
    const app = new App({ outdir });
    ScannerAcknowledgements.only(app, [Scanner.POLARIS]);
    const inApp = agentIn(new Chart(app, 'app-choice'));
    const quiet = new Chart(app, 'quiet');
    ScannerAcknowledgements.only(quiet, []);
    const inQuiet = agentIn(quiet);
    expect(scannerKeys(inApp())).toEqual(['polaris.fairwinds.com']);
    expect(scannerKeys(inQuiet())).toEqual([]);
    expect(ScannerAcknowledgements.of(quiet)).toEqual([]);
  });
});
