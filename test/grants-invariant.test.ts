import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { Capability, HostNetworkDns, HostPath, NodeAgentDaemonSet, Scanner, ScannerAcknowledgements } from '../src';
import { warningsOnly } from './support/output';
import { GRANT_KINDS } from '../src/model/grant-kinds';
import { recordMismatch } from '../src/model/grant-record';
import { heldAccessOf } from '../src/model/held-access';
import { isQualifiedName } from '../src/model/qualified-name';
import { sensitiveHostPath } from '../src/model/sensitive-host-paths';

/**
 * The invariant of issue #12: whatever grants an agent is built with and whatever JSON patches add
 * host access afterwards, synthesis either fails with the library's validation error, or the host
 * access the YAML holds is exactly what its grants annotation records, no sensitive path is held
 * without its allowance, and every label and annotation key is one the API server accepts.
 */
const RUNS = { numRuns: 1000, ...(process.env.CI ? { seed: 20261127 } : {}) };

const outdirs = mkdtempSync(join(tmpdir(), 'grants-invariant-'));
afterAll(() => rmSync(outdirs, { recursive: true, force: true }));

// Generated capability names include ones that would make invalid label keys (NET_, trailing "_").
const capability = fc.oneof(
  fc.constantFrom(Capability.NET_ADMIN, Capability.NET_RAW, Capability.SYS_ADMIN, Capability.BPF, Capability.SYS_PTRACE),
  fc.stringMatching(/^[A-Z][A-Z_]{0,14}$/).map(n => Capability.of(n)),
);
const PATHS = [HostPath.XTABLES_LOCK, HostPath.LIB_MODULES, HostPath.CNI_CONFIG, HostPath.VAR_LOG, HostPath.PROC, HostPath.SYS,
  HostPath.CONTAINERD_SOCKET, HostPath.of('/var/run/docker.sock'), HostPath.of('/etc'), HostPath.of('/var/lib/agent')];
// Every container kind that names nothing, from the registry, so that a new kind is in the property.
const NAMELESS = GRANT_KINDS.filter(k => k.scope === 'container' && !k.targeted).map(k => k.privilege);
const containerArb = fc.record({
  nameless: fc.subarray(NAMELESS),
  caps: fc.uniqueArray(capability, { selector: c => c.name, maxLength: 3 }),
  mounts: fc.uniqueArray(
    fc.record({ path: fc.constantFrom(...PATHS), writable: fc.boolean(), allowSensitive: fc.boolean() }),
    { selector: m => m.path.path, maxLength: 3 },
  ),
  hostPort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  seLinux: fc.option(fc.constantFrom('spc_t', 'container_t'), { nil: undefined }),
});
const patchArb = fc.oneof(
  fc.record({ kind: fc.constant('privileged' as const), container: fc.nat() }),
  fc.record({ kind: fc.constant('capability' as const), container: fc.nat(), name: fc.constantFrom('SYS_ADMIN', 'NET_ADMIN', 'CAP_SYS_MODULE') }),
  fc.record({ kind: fc.constant('hostNetwork' as const) }),
  fc.record({ kind: fc.constant('escalation' as const), container: fc.nat() }),
  fc.record({ kind: fc.constant('writableRoot' as const), container: fc.nat() }),
  fc.record({ kind: fc.constant('hostPath' as const), container: fc.nat(), path: fc.constantFrom('/var/log', '/run/docker.sock', '/var/lib/kubelet', '/proc/1/root'), readOnly: fc.boolean() }),
  fc.record({ kind: fc.constant('grants' as const) }),
);
type Patch = typeof patchArb extends fc.Arbitrary<infer T> ? T : never;

function patchOf(p: Patch, containers: number): JsonPatch[] {
  const c = `/spec/template/spec/containers/${'container' in p ? p.container % containers : 0}`;
  switch (p.kind) {
    case 'privileged': return [JsonPatch.add(`${c}/securityContext/privileged`, true)];
    case 'capability': return [JsonPatch.add(`${c}/securityContext/capabilities`, { add: [p.name], drop: ['ALL'] })];
    case 'hostNetwork': return [JsonPatch.add('/spec/template/spec/hostNetwork', true)];
    case 'escalation': return [JsonPatch.add(`${c}/securityContext/allowPrivilegeEscalation`, true)];
    case 'writableRoot': return [JsonPatch.add(`${c}/securityContext/readOnlyRootFilesystem`, false)];
    case 'hostPath': return [
      JsonPatch.add('/spec/template/spec/volumes', [{ name: 'patched', hostPath: { path: p.path } }]),
      JsonPatch.add(`${c}/volumeMounts`, [{ name: 'patched', mountPath: '/patched', readOnly: p.readOnly }]),
    ];
    case 'grants': return [JsonPatch.add('/metadata/annotations/node-agents.cdk8s.io~1grants', '[]')];
  }
}

test('property: synthesis fails with the library error, or the YAML holds exactly its recorded grants', () => {
  fc.assert(fc.property(
    fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), spec: containerArb }), { selector: c => c.name, minLength: 1, maxLength: 2 }),
    fc.boolean(), fc.boolean(), fc.array(patchArb, { maxLength: 3 }),
    (containers, hostNetwork, hostPid, patches) => {
      const app = new App({ outdir: join(outdirs, 'app') });
      ScannerAcknowledgements.only(app, Scanner.all());
      const chart = new Chart(app, 'c', { namespace: 'kube-system' });
      const agent = new NodeAgentDaemonSet(chart, 'agent', {
        hostNetwork: hostNetwork ? { dns: HostNetworkDns.NODE, reason: 'generated' } : undefined,
        hostPid: hostPid ? { reason: 'generated' } : undefined,
      });
      const allowed = new Set<string>();
      for (const { name, spec } of containers) {
        const c = agent.addContainer({ name, image: 'x' });
        for (const privilege of spec.nameless) c.grant(privilege, { reason: 'generated' });
        if (spec.caps.length) c.grantCapabilities(spec.caps, { reason: 'generated' });
        for (const m of spec.mounts) {
          c.mountHostPath(m.path, { writable: m.writable, allowSensitive: m.allowSensitive, reason: 'generated' });
          if (m.allowSensitive) allowed.add(`${name}|${m.path.normalisedPath}|${m.writable}`);
        }
        if (spec.hostPort !== undefined && !hostNetwork) c.grantHostPort(spec.hostPort, { protocol: kplus.Protocol.UDP, reason: 'generated' });
        if (spec.seLinux) c.grantSeLinuxType(spec.seLinux, { reason: 'generated' });
      }
      for (const p of patches) ApiObject.of(agent).addJsonPatch(...patchOf(p, containers.length));

      let manifests: any[];
      try {
        manifests = warningsOnly(() => Testing.synth(chart));
      } catch (e) {
        expect((e as Error).message).toMatch(/^Validation failed with the following errors:\n {2}\[/);
        return;
      }
      const ds = manifests.find(m => m.kind === 'DaemonSet');
      expect(recordMismatch(ds)).toEqual({ ungranted: [], absent: [] });
      for (const h of heldAccessOf(ds)) {
        if (h.path === undefined || !sensitiveHostPath(h.path, !!h.writable)) continue;
        expect(allowed).toContain(`${h.container}|${h.path}|${!!h.writable}`);
      }
      const keys = [ds.metadata, ds.spec.template.metadata].flatMap(m => [...Object.keys(m.labels ?? {}), ...Object.keys(m.annotations ?? {})]);
      expect(keys.filter(k => !isQualifiedName(k))).toEqual([]);
    }), RUNS);
});
