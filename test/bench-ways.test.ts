/**
 * The benchmark compares ways of writing the same agents: its ratios mean something only while
 * every way writes the same objects, the library adding only its grants annotation (and the
 * scanners' acknowledgements where the way opts in). The bench runs on demand; this keeps its
 * ways equivalent in every test run, field by field.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildApp, Layout, LAYOUTS, Way } from '../bench/agents';

const outdir = mkdtempSync(join(tmpdir(), 'bench-ways-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const GRANTS = 'node-agents.cdk8s.io/grants';

/** Every object the way writes for twelve agents, in the layout, keyed by kind and name. */
function written(way: Way, layout: Layout = 'ten-charts'): Record<string, any> {
  const objects = buildApp(way, 12, layout, outdir).charts.flatMap(chart => chart.toJson());
  const byKey: Record<string, any> = {};
  for (const o of objects) {
    const key = `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(byKey[key]).toBeUndefined();
    byKey[key] = o;
  }
  return byKey;
}

/**
 * An object as the API server sees it: cdk8s-plus writes some Kubernetes defaults explicitly
 * (zero minReadySeconds, false booleans, the pod securityContext's defaults); they mean the same as unset. Nothing else
 * is dropped: each is a field whose default Kubernetes documents.
 */
function withoutExplicitDefaults(obj: any): any {
  const o = structuredClone(obj);
  if (o.spec?.minReadySeconds === 0) delete o.spec.minReadySeconds;
  const pod = o.spec?.template?.spec;
  if (!pod) return o;
  if (pod.setHostnameAsFQDN === false) delete pod.setHostnameAsFQDN;
  const psc = pod.securityContext;
  if (psc) {
    if (psc.fsGroupChangePolicy === 'Always') delete psc.fsGroupChangePolicy;
    if (psc.runAsNonRoot === false) delete psc.runAsNonRoot;
    if (Array.isArray(psc.sysctls) && psc.sysctls.length === 0) delete psc.sysctls;
    if (Object.keys(psc).length === 0) delete pod.securityContext;
  }
  for (const c of [...pod.containers ?? [], ...pod.initContainers ?? []]) {
    const sc = c.securityContext ?? {};
    if (sc.privileged === false) delete sc.privileged;
    if (sc.runAsNonRoot === false) delete sc.runAsNonRoot;
  }
  return o;
}

/** The library's own bookkeeping taken out: the grants annotation, and the annotations map if nothing else is in it. */
function withoutGrantsAnnotation(obj: any): any {
  const o = structuredClone(obj);
  const annotations = o.metadata.annotations;
  if (annotations) {
    delete annotations[GRANTS];
    if (Object.keys(annotations).length === 0) delete o.metadata.annotations;
  }
  return o;
}

describe.each(LAYOUTS)('in the %s layout', layout => {
  const library = written('node-agents', layout);

  test('the library writes a namespace, a quota and a DaemonSet per chart, each DaemonSet with its grants', () => {
    const kinds = Object.keys(library).map(k => k.split(' ')[0]).sort();
    const charts = layout === 'ten-charts' ? 10 : 12;
    expect(kinds).toEqual([...Array(12).fill('DaemonSet'), ...Array(charts).fill('Namespace'), ...Array(charts).fill('ResourceQuota')]);
    const ds = library['DaemonSet agents-0/agent-0'];
    expect(JSON.parse(ds.metadata.annotations[GRANTS])).toHaveLength(7);
    expect(ds.spec.template.spec.containers.map((c: any) => c.imagePullPolicy)).toEqual(['IfNotPresent', 'IfNotPresent']);
    expect(ds.spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  describe.each(['cdk8s-plus', 'raw-l1'] as Way[])('%s', way => {
    const other = written(way, layout);

    test('writes the same objects, with the same names', () => {
      expect(Object.keys(other).sort()).toEqual(Object.keys(library).sort());
    });

    test('writes every object field by field as the library does, apart from the grants annotation', () => {
      for (const key of Object.keys(library)) {
        expect([key, withoutExplicitDefaults(other[key])]).toEqual([key, withoutGrantsAnnotation(library[key])]);
      }
    });

    test('writes none of the library\'s bookkeeping', () => {
      for (const obj of Object.values(other)) expect(obj.metadata.annotations).toBeUndefined();
    });
  });
});

test('with every scanner chosen, the library adds only acknowledgements to the same objects', () => {
  const library = written('node-agents');
  const acknowledged = written('node-agents, four scanners');
  const SCANNER_KEY = /^(ignore-check\.kube-linter\.io|polaris\.fairwinds\.com|checkov\.io|container\.kubeaudit\.io|kubeaudit\.io)\//;
  const withoutScanners = (obj: any) => {
    const o = structuredClone(obj);
    for (const map of [o.metadata.annotations, o.spec?.template?.metadata?.labels]) {
      for (const k of Object.keys(map ?? {})) if (SCANNER_KEY.test(k)) delete map[k];
    }
    return o;
  };
  const ds = acknowledged['DaemonSet agents-0/agent-0'];
  expect(Object.keys(ds.metadata.annotations).filter(k => k.startsWith('polaris.fairwinds.com/'))).not.toHaveLength(0);
  expect(Object.keys(ds.spec.template.metadata.labels).filter(k => k.startsWith('container.kubeaudit.io/'))).not.toHaveLength(0);
  expect(Object.keys(library['DaemonSet agents-0/agent-0'].metadata.annotations)).toEqual([GRANTS]);
  expect(Object.keys(acknowledged).sort()).toEqual(Object.keys(library).sort());
  for (const key of Object.keys(library)) expect([key, withoutScanners(acknowledged[key])]).toEqual([key, library[key]]);
});
