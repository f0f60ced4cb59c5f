import { readFileSync } from 'fs';
import { join } from 'path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { auditDocuments, SourceDocument } from '../src/report/audit';
import { AuditWithAccess, diffAudits, hasAdditions, withHostAccess } from '../src/report/diff';
import { formatDiffJson, formatDiffMarkdown, formatDiffTable } from '../src/report/format-diff';

const CORPUS = join(__dirname, 'fixtures', 'corpus');
const GRANTS = 'node-agents.cdk8s.io/grants';

/** The documents of a corpus file, fresh each time so that a test can change them. */
function corpus(name: string): any[] {
  return (loadAll(readFileSync(join(CORPUS, name), 'utf-8'), undefined, { schema: CORE_SCHEMA }) as any[]).filter(Boolean);
}

/** Audits files (name → documents) as the CLI does, with the host access of each object. */
function audit(files: Record<string, any[]>): AuditWithAccess {
  const documents: SourceDocument[] = Object.entries(files).flatMap(([file, docs]) => docs.map(doc => ({ file, doc })));
  return withHostAccess(auditDocuments(documents, 37), documents);
}

function nodeExporter(change: (ds: any) => void = () => {}): any[] {
  const docs = corpus('node-exporter.yaml');
  change(docs[0]);
  return docs;
}

const container = (ds: any, name: string) => ds.spec.template.spec.containers.find((c: any) => c.name === name);

describe('privilege drift between two audits', () => {
  const base = audit({ 'node-exporter.yaml': nodeExporter() });

  test('the same manifests: nothing changed, nothing added', () => {
    const diff = diffAudits(base, audit({ 'node-exporter.yaml': nodeExporter() }));
    expect(diff.objects).toEqual([]);
    expect(diff.unchanged).toBe(1);
    expect(hasAdditions(diff)).toBe(false);
    expect(formatDiffTable(diff)).toBe('0 objects changed, 0 added, 0 removed, 1 unchanged; no host access added\n');
  });

  test('a mount made writable is widened, and a sensitive path it makes is new', () => {
    const diff = diffAudits(base, audit({ 'node-exporter.yaml': nodeExporter(ds => { container(ds, 'node-exporter').volumeMounts.find((m: any) => m.mountPath === '/host/sys').readOnly = false; }) }));
    expect(diff.objects).toHaveLength(1);
    expect(diff.objects[0]).toMatchObject({
      kind: 'DaemonSet',
      namespace: 'monitoring',
      name: 'node-exporter',
      status: 'changed',
      added: [],
      removed: [],
      narrowed: [],
      widened: [{ container: 'node-exporter', privilege: 'hostPath', target: '/sys', writable: true }],
    });
    expect(diff.objects[0].newSensitivePaths).toEqual([{ container: 'node-exporter', path: '/sys', writable: true, why: expect.any(String) }]);
    expect(hasAdditions(diff)).toBe(true);
  });

  test('a capability added', () => {
    const diff = diffAudits(base, audit({ 'node-exporter.yaml': nodeExporter(ds => { container(ds, 'node-exporter').securityContext.capabilities.add.push('NET_ADMIN'); }) }));
    expect(diff.objects[0].added).toEqual([{ container: 'node-exporter', privilege: 'capability', target: 'NET_ADMIN' }]);
    expect(diff.objects[0].level).toBeUndefined();
    expect(hasAdditions(diff)).toBe(true);
  });

  test('a container made privileged', () => {
    const diff = diffAudits(base, audit({ 'node-exporter.yaml': nodeExporter(ds => { container(ds, 'kube-rbac-proxy').securityContext.privileged = true; }) }));
    expect(diff.objects[0].added).toEqual([{ container: 'kube-rbac-proxy', privilege: 'privileged' }]);
    expect(hasAdditions(diff)).toBe(true);
  });

  test('the level loosened when host access appears on a pod that had none', () => {
    const confined = (ds: any) => {
      const spec = ds.spec.template.spec;
      spec.hostNetwork = false;
      spec.hostPID = false;
      spec.volumes = spec.volumes.filter((v: any) => !v.hostPath);
      for (const c of spec.containers) {
        c.volumeMounts = (c.volumeMounts ?? []).filter((m: any) => spec.volumes.some((v: any) => v.name === m.name));
        delete c.securityContext.capabilities.add;
        for (const p of c.ports ?? []) delete p.hostPort;
      }
    };
    const diff = diffAudits(audit({ 'node-exporter.yaml': nodeExporter(confined) }), base);
    expect(diff.objects[0].level).toEqual({ old: 'baseline', new: 'privileged' });
    expect(diff.objects[0].added.map(a => a.privilege).sort()).toEqual(['capability', 'hostNetwork', 'hostPID', 'hostPath', 'hostPath', 'hostPort']);
    expect(hasAdditions(diff)).toBe(true);
    // And back: everything removed, the level tightened, nothing added.
    const back = diffAudits(base, audit({ 'node-exporter.yaml': nodeExporter(confined) }));
    expect(back.objects[0]).toMatchObject({ level: { old: 'privileged', new: 'baseline' }, added: [], widened: [] });
    expect(back.objects[0].removed).toHaveLength(6);
    expect(hasAdditions(back)).toBe(false);
    expect(formatDiffTable(back)).toContain('level    privileged -> baseline');
  });

  test("a grant's reason changed", () => {
    const granted = (reason: string) => nodeExporter(ds => {
      ds.metadata.annotations = { [GRANTS]: JSON.stringify([{ privilege: 'hostNetwork', reason: 'serves metrics on the node address' }, { privilege: 'hostPID', reason }]) };
    });
    const diff = diffAudits(audit({ 'ne.yaml': granted('reads process metrics') }), audit({ 'ne.yaml': granted('because') }));
    expect(diff.objects).toEqual([expect.objectContaining({
      status: 'changed',
      added: [],
      removed: [],
      grantReasons: [{ grant: 'hostPID', oldReason: 'reads process metrics', newReason: 'because' }],
    })]);
    expect(hasAdditions(diff)).toBe(false);
    expect(formatDiffMarkdown(diff)).toContain('| DaemonSet monitoring/node-exporter | reason changed | hostPID: "reads process metrics" -> "because" |');
  });

  test('an object added and one removed are listed, with the access the new one holds', () => {
    const diff = diffAudits(base, audit({ 'flannel.yaml': corpus('flannel.yaml') }));
    expect(diff.objects.map(o => [o.status, o.kind, o.namespace, o.name, o.oldFile, o.newFile])).toEqual([
      ['added', 'DaemonSet', 'kube-flannel', 'kube-flannel-ds', undefined, 'flannel.yaml'],
      ['removed', 'DaemonSet', 'monitoring', 'node-exporter', 'node-exporter.yaml', undefined],
    ]);
    const flannel = diff.objects[0];
    expect(flannel.level).toEqual({ old: undefined, new: 'privileged' });
    expect(flannel.added).toEqual(expect.arrayContaining([
      { privilege: 'hostNetwork' },
      { container: 'kube-flannel', privilege: 'capability', target: 'NET_ADMIN' },
      { container: 'install-cni', privilege: 'hostPath', target: '/etc/cni/net.d', writable: true },
    ]));
    expect(diff.objects[1].removed.length).toBeGreaterThan(0);
    expect(hasAdditions(diff)).toBe(true);
  });

  test('a moved file is matched by object identity: moved, nothing added or removed', () => {
    const diff = diffAudits(base, audit({ 'monitoring/node-exporter.yaml': nodeExporter() }));
    expect(diff.objects).toEqual([expect.objectContaining({
      status: 'changed', oldFile: 'node-exporter.yaml', newFile: 'monitoring/node-exporter.yaml', added: [], removed: [], widened: [], level: undefined,
    })]);
    expect(hasAdditions(diff)).toBe(false);
    expect(formatDiffTable(diff)).toBe([
      'OBJECT                              CHANGE  WHAT',
      'DaemonSet monitoring/node-exporter  moved   node-exporter.yaml -> monitoring/node-exporter.yaml',
      '1 objects changed, 0 added, 0 removed, 0 unchanged; no host access added',
      '',
    ].join('\n'));
  });

  test('table, Markdown and JSON of a change that adds access', () => {
    const diff = diffAudits(base, audit({
      'node-exporter.yaml': nodeExporter(ds => {
        container(ds, 'kube-rbac-proxy').securityContext.privileged = true;
        container(ds, 'node-exporter').volumeMounts.find((m: any) => m.mountPath === '/host/root').readOnly = false;
      }),
    }));
    // `/` was already sensitive read-only (it holds the runtime socket): widened, not a new sensitive path.
    expect(formatDiffTable(diff)).toBe([
      'OBJECT                              CHANGE   WHAT',
      'DaemonSet monitoring/node-exporter  added    privileged (kube-rbac-proxy)',
      '                                    widened  hostPath / rw (node-exporter) (was read-only)',
      '1 objects changed, 0 added, 0 removed, 0 unchanged; host access added',
      '',
    ].join('\n'));
    const markdown = formatDiffMarkdown(diff);
    expect(markdown).toContain('> [!WARNING]');
    expect(markdown).toContain('| DaemonSet monitoring/node-exporter | **added** | privileged (kube-rbac-proxy) |');
    const json = JSON.parse(formatDiffJson(diff));
    expect(json).toMatchObject({ oldPolicyVersion: 'v1.37', newPolicyVersion: 'v1.37', unchanged: 0, added: true });
    expect(json.objects[0]).toMatchObject({
      kind: 'DaemonSet',
      namespace: 'monitoring',
      name: 'node-exporter',
      status: 'changed',
      oldFile: 'node-exporter.yaml',
      newFile: 'node-exporter.yaml',
      added: [{ container: 'kube-rbac-proxy', privilege: 'privileged' }],
      widened: [{ container: 'node-exporter', privilege: 'hostPath', target: '/', writable: true }],
    });
  });
});
