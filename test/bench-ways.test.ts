/**
 * The benchmark compares ways of writing the same agents: its ratios mean something only while
 * every way writes the same pods and namespaces, the library adding only its grants annotation
 * and acknowledgements. The bench runs on demand; this keeps its ways equivalent in every test run.
 */
import { buildApp, Way, WAYS } from '../bench/agents';

interface Written {
  namespace: any;
  quota: any;
  daemonSet: any;
}

function written(way: Way): Written {
  const objects: any[] = buildApp(way, 1, 'unused').charts[0].toJson();
  const ofKind = (kind: string) => {
    const found = objects.filter(o => o.kind === kind);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { namespace: ofKind('Namespace'), quota: ofKind('ResourceQuota'), daemonSet: ofKind('DaemonSet') };
}

/** What decides how the pod runs and where, without each way's own labels and cdk8s-plus' explicit defaults. */
function podBehaviour(ds: any) {
  const spec = ds.spec.template.spec;
  const nodeSelector = spec.nodeSelector
    ?? Object.fromEntries(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
      .matchExpressions.map((e: any) => [e.key, e.values[0]]));
  const container = (c: any) => ({
    name: c.name,
    image: c.image,
    resources: c.resources,
    capabilities: c.securityContext.capabilities,
    allowPrivilegeEscalation: c.securityContext.allowPrivilegeEscalation,
    readOnlyRootFilesystem: c.securityContext.readOnlyRootFilesystem,
    seccompProfile: c.securityContext.seccompProfile,
    privileged: c.securityContext.privileged || undefined,
    mounts: (c.volumeMounts ?? []).map((m: any) => ({
      mountPath: m.mountPath,
      readOnly: m.readOnly,
      hostPath: spec.volumes.find((v: any) => v.name === m.name).hostPath,
    })),
  });
  return {
    hostNetwork: spec.hostNetwork,
    dnsPolicy: spec.dnsPolicy,
    priorityClassName: spec.priorityClassName,
    tolerations: spec.tolerations,
    nodeSelector,
    updateStrategy: ds.spec.updateStrategy,
    containers: spec.containers.map(container),
  };
}

const LIBRARY = written('node-agents');

describe.each(WAYS.filter(w => !w.startsWith('node-agents')))('the bench way %s', way => {
  test('writes the pod the library writes', () => {
    expect(podBehaviour(written(way).daemonSet)).toEqual(podBehaviour(LIBRARY.daemonSet));
    expect(podBehaviour(LIBRARY.daemonSet)).toMatchObject({
      priorityClassName: 'system-node-critical',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    });
  });

  test('writes the namespace labels and the critical-pods quota the library writes', () => {
    const other = written(way);
    expect(other.namespace.metadata.labels).toEqual(LIBRARY.namespace.metadata.labels);
    expect(other.quota.spec).toEqual(LIBRARY.quota.spec);
  });

  test('carries none of the library\'s bookkeeping', () => {
    expect(written(way).daemonSet.metadata.annotations).toBeUndefined();
    expect(Object.keys(LIBRARY.daemonSet.metadata.annotations)).toContain('node-agents.cdk8s.io/grants');
  });
});

test('the library ways differ only in the acknowledgements they write', () => {
  const keys = (way: Way) => Object.keys(written(way).daemonSet.metadata.annotations ?? {});
  expect(keys('node-agents')).toEqual(['node-agents.cdk8s.io/grants']);
  expect(keys('node-agents, kube-linter only').every(k => k === 'node-agents.cdk8s.io/grants' || k.startsWith('ignore-check.kube-linter.io/'))).toBe(true);
  expect(keys('node-agents, four scanners').some(k => k.startsWith('polaris.fairwinds.com/'))).toBe(true);
  for (const way of ['node-agents, kube-linter only', 'node-agents, four scanners'] as Way[]) {
    expect(podBehaviour(written(way).daemonSet)).toEqual(podBehaviour(LIBRARY.daemonSet));
  }
});
