import { join } from 'path';
import { CliRun, runCli } from './support';
import { CORPUS } from '../support/fixtures';

/**
 * Every real upstream manifest in test/fixtures/corpus is audited with no input error, every
 * pod-bearing object is reported, and the node-agent mistakes each one holds are found.
 */
let run: CliRun;
beforeAll(async () => { run = await runCli(['audit', '--format', 'json', CORPUS]); });
const objects = (file: string) => run.json.objects.filter((o: any) => o.file === join(CORPUS, file));
const summary = (file: string) => objects(file).map((o: any) => ({
  object: `${o.kind} ${o.name}`,
  level: o.level,
  violations: o.violations.map((v: any) => v.check),
  findings: [...new Set(o.findings.filter((f: any) => f.severity !== 'info').map((f: any) => f.id))].sort(),
}));

test('the corpus is read without input errors', () => {
  expect(run.status).toBe(0);
  expect(run.json.errors).toEqual([]);
  expect(run.json.objects).toHaveLength(10);
});

test.each([
  ['aws-ebs-csi-node.yaml', [{ object: 'DaemonSet ebs-csi-node', level: 'privileged', violations: ['privileged', 'hostPathVolumes'], findings: ['host-path-access'] }]],
  ['aws-node.yaml', [{ object: 'DaemonSet aws-node', level: 'privileged', violations: ['privileged', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes'], findings: ['host-network-dns', 'host-path-access', 'missing-requests', 'settings-on-privileged'] }]],
  ['calico.yaml', [
    { object: 'DaemonSet calico-node', level: 'privileged', violations: ['privileged', 'hostNamespaces', 'hostPathVolumes'], findings: ['grace-period-skips-pre-stop', 'host-network-dns', 'host-path-access', 'missing-requests'] },
    { object: 'Deployment calico-kube-controllers', level: 'baseline', violations: ['allowPrivilegeEscalation', 'capabilities_restricted'], findings: [] },
  ]],
  ['filebeat.yaml', [{ object: 'DaemonSet filebeat', level: 'privileged', violations: ['hostNamespaces', 'hostPathVolumes'], findings: ['credentials-in-env', 'host-path-access', 'no-priority-class', 'no-tolerations'] }]],
  ['flannel.yaml', [{ object: 'DaemonSet kube-flannel-ds', level: 'privileged', violations: ['capabilities_baseline', 'hostNamespaces', 'hostPathVolumes'], findings: ['host-network-dns', 'host-path-access'] }]],
  ['kube-router.yaml', [{ object: 'DaemonSet kube-router', level: 'privileged', violations: ['privileged', 'hostNamespaces', 'hostPathVolumes'], findings: ['host-network-dns', 'host-path-access'] }]],
  ['node-exporter.yaml', [{ object: 'DaemonSet node-exporter', level: 'privileged', violations: ['capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts'], findings: ['capabilities-without-root', 'host-network-dns', 'host-path-access'] }]],
  ['node-problem-detector.yaml', [{ object: 'DaemonSet node-problem-detector', level: 'privileged', violations: ['privileged', 'hostPathVolumes'], findings: ['no-priority-class', 'untyped-host-path'] }]],
  ['nvidia-device-plugin.yaml', [{ object: 'DaemonSet nvidia-device-plugin-daemonset', level: 'privileged', violations: ['hostPathVolumes'], findings: ['host-path-access', 'missing-requests'] }]],
])('%s', (file, expected) => {
  expect(summary(file)).toEqual(expected);
});
