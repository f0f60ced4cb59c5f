import { readdirSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { NodeAgentDaemonSet, Privilege } from '../src';
import { errorLines, ofKind, synthError, synthValid } from './support/synth';
import { GRANT_KINDS, loadGrantKind } from '../src/model/grant-kinds';
import { recordMismatch } from '../src/model/grant-record';
import { heldAccessOf } from '../src/model/held-access';

/**
 * `Privilege` is the one list of grant kinds: the registry finds each value's module by its key,
 * so adding a kind is adding a value and a module (docs/ARCHITECTURE.md, "Adding things").
 */
describe('the grant kind registry', () => {
  test('has one kind per Privilege value, in its order: privileged last, since it removes what others add', () => {
    expect(GRANT_KINDS.map(k => k.privilege)).toEqual(Object.values(Privilege));
    expect(GRANT_KINDS[GRANT_KINDS.length - 1].privilege).toBe(Privilege.PRIVILEGED);
  });

  test('a value without its module is refused, naming the module to write', () => {
    expect(() => loadGrantKind('NO_SUCH_KIND', 'noSuchKind')).toThrow(
      "grant kind registry: Privilege.NO_SUCH_KIND needs the module grant-kinds/no-such-kind.ts exporting `kind` with privilege 'noSuchKind'",
    );
  });

  test("a module whose kind is another value's is refused", () => {
    expect(() => loadGrantKind('HOST_PID', Privilege.HOST_NETWORK)).toThrow('Privilege.HOST_PID needs the module grant-kinds/host-pid.ts');
  });

  test('a kind that names nothing gives its grants no target (reports ask only targeted kinds)', () => {
    for (const kind of GRANT_KINDS.filter(k => !k.targeted)) {
      expect([kind.privilege, kind.target({ privilege: kind.privilege, container: 'c' })]).toEqual([kind.privilege, undefined]);
    }
  });

  test('every module of grant-kinds/ is the kind of a value, or says it is shared', () => {
    const shared = ['api.ts', 'index.ts', 'host-namespace.ts'];
    const modules = readdirSync(join(__dirname, '..', 'src', 'model', 'grant-kinds')).filter(f => !shared.includes(f));
    expect(modules.sort()).toEqual(Object.keys(Privilege).map(k => `${k.toLowerCase().replace(/_/g, '-')}.ts`).sort());
  });
});

describe('AgentContainer.grant', () => {
  const nameless = GRANT_KINDS.filter(k => k.scope === 'container' && !k.targeted).map(k => k.privilege);

  test('covers the container kinds that name nothing, and only those', () => {
    expect(nameless).toEqual(expect.arrayContaining([
      Privilege.PRIVILEGED, Privilege.RUN_AS_ROOT, Privilege.UNCONFINED_APP_ARMOR,
      Privilege.UNCONFINED_SECCOMP, Privilege.WRITABLE_ROOT_FILESYSTEM,
    ]));
    for (const named of [Privilege.CAPABILITY, Privilege.HOST_PATH, Privilege.HOST_PORT, Privilege.SE_LINUX_TYPE, Privilege.HOST_NETWORK]) {
      expect(nameless).not.toContain(named);
    }
  });

  test.each(nameless)('%s: recorded with its reason, and held by the container as recorded', privilege => {
    const chart = Testing.chart();
    const agent = new NodeAgentDaemonSet(chart, 'agent', { metadata: { namespace: 'kube-system' } });
    agent.addContainer({ name: 'main', image: 'example/agent:1.0' }).grant(privilege, { reason: 'the test asks for it' });
    const ds = ofKind(synthValid(chart), 'DaemonSet');
    expect(JSON.parse(ds.metadata.annotations['node-agents.cdk8s.io/grants'])).toEqual([
      { privilege, container: 'main', reason: 'the test asks for it' },
    ]);
    expect(heldAccessOf(ds).filter(h => h.kind === privilege).map(h => h.container)).toEqual(['main']);
    expect(recordMismatch(ds)).toEqual({ ungranted: [], absent: [] });
  });

  test('refuses a kind that names something, a pod kind and an unknown value, each with what it accepts', () => {
    const chart = Testing.chart();
    const agent = new NodeAgentDaemonSet(chart, 'agent', { metadata: { namespace: 'kube-system' } });
    const container = agent.addContainer({ name: 'main', image: 'example/agent:1.0' });
    container.grant(Privilege.CAPABILITY, { reason: 'r' });
    container.grant(Privilege.HOST_PID);
    container.grant('procMount' as Privilege);
    const accepted = `accepted: ${nameless.join(', ')}`;
    expect(errorLines(synthError(chart))).toEqual([
      `[${agent.node.path}] containers["main"].grant: "capability" names what it grants, with its own grant method; ${accepted}`,
      `[${agent.node.path}] containers["main"].grant: "hostPID" is granted to the pod, with a prop of the NodeAgentDaemonSet; ${accepted}`,
      `[${agent.node.path}] containers["main"].grant: "procMount" is not a privilege; ${accepted}`,
    ]);
  });
});
