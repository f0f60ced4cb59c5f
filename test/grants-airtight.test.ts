import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Capability, NodeAgentDaemonSet } from '../src';
import { warningsOnly } from './support/output';
import { errorLines, ofKind, synthError } from './support/synth';
import { GRANTS_ANNOTATION } from '../src/model/grants-annotation';

const outdirs = mkdtempSync(join(tmpdir(), 'grants-airtight-'));
afterAll(() => rmSync(outdirs, { recursive: true, force: true }));
let apps = 0;

function chart(): Chart {
  return new Chart(new App({ outdir: join(outdirs, String(apps++)) }), 'c', { namespace: 'kube-system' });
}

/** The errors of synthesizing a chart, without the construct path. */
function errors(c: Chart): string[] {
  return errorLines(warningsOnly(() => synthError(c))).map(l => l.replace(/^\[[^\]]+\] /, ''));
}

describe('no privilege reaches the YAML without a grant', () => {
  test('seccomp Unconfined through the container securityContext prop is recorded as a grant', () => {
    const c = chart();
    new NodeAgentDaemonSet(c, 'a', { containers: [{ name: 'm', image: 'x', securityContext: { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } } }] });
    const grants = JSON.parse(ofKind(Testing.synth(c), 'DaemonSet').metadata.annotations[GRANTS_ANNOTATION]);
    expect(grants).toEqual([expect.objectContaining({ privilege: 'unconfinedSeccomp', container: 'm' })]);
  });

  test('AppArmor unconfined through pod annotations in podMetadata is an error naming the grant method', () => {
    const c = chart();
    new NodeAgentDaemonSet(c, 'a', {
      podMetadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/m': 'unconfined' } },
      containers: [{ name: 'm', image: 'x' }],
    });
    expect(errors(c)).toEqual([expect.stringMatching(/^metadata\.annotations\["container\.apparmor\.security\.beta\.kubernetes\.io\/m"\]: unconfined AppArmor in container "m" \("unconfined"\) is held without a grant; grant it with grantUnconfinedAppArmor\(\{ reason \}\) \[ungranted-host-access\]$/)]);
  });

  test('a hostPath volume in `volumes` that no container mounts is an error', () => {
    const c = chart();
    const volume = kplus.Volume.fromHostPath(c, 'v', 'etc', { path: '/etc/kubernetes' });
    new NodeAgentDaemonSet(c, 'a', { volumes: [volume], containers: [{ name: 'm', image: 'x' }] });
    const lines = errors(c);
    expect(lines).toContainEqual(expect.stringMatching(/^spec\.template\.spec\.volumes\[0\]\.hostPath\.path: hostPath volume \/etc\/kubernetes, mounted by no container .* is held without a grant; mount it with mountHostPath/));
    // The refusal of sensitive paths applies to it as well.
    expect(lines).toContainEqual(expect.stringContaining('a volume no container mounts hostPath "/etc/kubernetes"'));
  });

  test('capabilities.drop: [] and allowPrivilegeEscalation: true weaken the hardened defaults: errors', () => {
    const c = chart();
    new NodeAgentDaemonSet(c, 'a', { containers: [{ name: 'm', image: 'x', securityContext: { capabilities: { drop: [] }, allowPrivilegeEscalation: true } }] });
    expect(errors(c)).toEqual([
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.securityContext\.capabilities\.drop: capabilities not dropped in container "m" \(\[\]\) is held without a grant; drop ALL/),
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.securityContext\.allowPrivilegeEscalation: privilege escalation allowed in container "m" \(true\) is held without a grant; set allowPrivilegeEscalation: false/),
    ]);
  });

  test('privileged added with addJsonPatch is an error', () => {
    const c = chart();
    const agent = new NodeAgentDaemonSet(c, 'a', { containers: [{ name: 'm', image: 'x' }] });
    ApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/privileged', true));
    expect(errors(c)).toContainEqual(expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: privileged in container "m" \(true\) is held without a grant; grant it with grantPrivileged/));
  });

  test('the Docker socket patched in is refused like a granted one, not only warned about', () => {
    const c = chart();
    const agent = new NodeAgentDaemonSet(c, 'a', { containers: [{ name: 'm', image: 'x' }] });
    ApiObject.of(agent).addJsonPatch(
      JsonPatch.add('/spec/template/spec/volumes', [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }]),
      JsonPatch.add('/spec/template/spec/containers/0/volumeMounts', [{ name: 'sock', mountPath: '/sock', readOnly: true }]));
    expect(errors(c)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]: containers\["m"\] hostPath "\/var\/run\/docker\.sock" \(read-only\) is sensitive/),
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]: hostPath \/var\/run\/docker\.sock \(read-only\) in container "m" .*is held without a grant/),
    ]));
  });
});

describe('the library owns its record', () => {
  const privileged = (c: Chart, props: object = {}) =>
    new NodeAgentDaemonSet(c, 'a', { ...props, containers: [{ name: 'm', image: 'x', privileged: { reason: 'loads modules' } }] });

  test('a grants annotation set in metadata is an error, and the library writes its own', () => {
    const c = chart();
    privileged(c, { metadata: { annotations: { [GRANTS_ANNOTATION]: '[]' } } });
    expect(errors(c)).toEqual([expect.stringMatching(/^metadata\.annotations\["node-agents\.cdk8s\.io\/grants"\]: the library writes this annotation/)]);
  });

  test('a grants annotation replaced with addAnnotation is an error', () => {
    const c = chart();
    privileged(c).metadata.addAnnotation(GRANTS_ANNOTATION, '[]');
    expect(errors(c)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^metadata\.annotations\["node-agents\.cdk8s\.io\/grants"\]: set to "\[\]" after the library wrote it/),
      expect.stringMatching(/securityContext\.privileged: privileged in container "m" \(true\) is held without a grant/),
    ]));
  });

  test('a grants annotation replaced with a JSON patch is an error', () => {
    const c = chart();
    ApiObject.of(privileged(c)).addJsonPatch(JsonPatch.replace(`/metadata/annotations/${GRANTS_ANNOTATION.replace('/', '~1')}`, '[]'));
    expect(errors(c)).toContainEqual(expect.stringMatching(/^metadata\.annotations\["node-agents\.cdk8s\.io\/grants"\]: set to "\[\]" after the library wrote it/));
  });

  test('a grant removed by a patch is an error: the record must match the pod', () => {
    const c = chart();
    ApiObject.of(privileged(c)).addJsonPatch(JsonPatch.remove('/spec/template/spec/containers/0/securityContext/privileged'));
    expect(errors(c)).toContainEqual(expect.stringMatching(/the grants record privileged for container "m", which the pod does not hold/));
  });

  test('a reason long enough to pass the 256 KiB annotation limit is refused at synth', () => {
    const c = chart();
    new NodeAgentDaemonSet(c, 'a', { containers: [{ name: 'm', image: 'x', privileged: { reason: 'x'.repeat(300 * 1024) } }] });
    expect(errors(c)).toEqual([expect.stringMatching(/^metadata\.annotations: annotations take \d+ bytes together, more than the API server's limit of 262144 \(256 KiB\)/)]);
  });

  test('a long reason is stored once: the acknowledgements refer to it', () => {
    const c = chart();
    const reason = 'r'.repeat(10_000);
    new NodeAgentDaemonSet(c, 'a', { containers: [{ name: 'm', image: 'x', privileged: { reason }, capabilities: { add: [Capability.NET_ADMIN], reason } }] });
    const annotations: Record<string, string> = ofKind(Testing.synth(c), 'DaemonSet').metadata.annotations;
    const copies = Object.values(annotations).join('').split(reason).length - 1;
    expect(copies).toBe(2); // once per grant, in the grants annotation only
  });
});
