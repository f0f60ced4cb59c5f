/**
 * Plain-JSON views of Kubernetes objects that hold a pod template: the shape every check
 * reads, whether the object came from our constructs or from someone's YAML.
 */

/** A Kubernetes object as plain JSON (Kubernetes field names). */
export type KubeObject = { apiVersion?: string; kind?: string; metadata?: any; spec?: any; [key: string]: any };

/** The pod template of an object, with the path at which it sits. */
export interface PodTemplateView {
  readonly metadata: any;
  readonly spec: any;
  /** Dotted path of the template in the object, e.g. `spec.template`; `` for a Pod. */
  readonly path: string;
}

/** A container of a pod spec with its path and role. */
export interface ContainerView {
  readonly container: any;
  readonly path: string;
  readonly kind: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** The kinds whose objects carry a pod template, and where it sits. */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  PodTemplate: ['template'],
  DaemonSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Whether objects of this kind hold a pod template. */
export function holdsPodTemplate(kind: string | undefined): boolean {
  return kind !== undefined && kind in TEMPLATE_PATHS;
}

const templates = new WeakMap<object, PodTemplateView | undefined>();
const containerViews = new WeakMap<object, Map<string, ContainerView[]>>();

/**
 * The pod template of an object, or undefined when it has none. Every rule asks for it, so the
 * view is computed once per object (objects are not changed while they are checked).
 */
export function podTemplateOf(obj: KubeObject): PodTemplateView | undefined {
  if (obj && typeof obj === 'object') {
    if (templates.has(obj)) return templates.get(obj);
    const view = findPodTemplate(obj);
    templates.set(obj, view);
    return view;
  }
  return undefined;
}

/**
 * Forgets the views of an object once the rules that share them are done: an object rendered
 * for synthesis is kept until its chart is written, and its views need not be kept with it.
 */
export function forgetViews(obj: KubeObject): void {
  const view = templates.get(obj);
  templates.delete(obj);
  if (view) containerViews.delete(view.spec);
}

function findPodTemplate(obj: KubeObject): PodTemplateView | undefined {
  const steps = obj && typeof obj === 'object' ? TEMPLATE_PATHS[obj.kind as string] : undefined;
  if (!steps) return undefined;
  let node: any = obj;
  for (const step of steps) {
    node = node?.[step];
    if (node === undefined || node === null || typeof node !== 'object') return undefined;
  }
  const spec = node.spec;
  return { metadata: isObject(node.metadata) ? node.metadata : {}, spec: isObject(spec) ? spec : {}, path: steps.join('.') };
}

/** Every container of a pod spec: init containers, containers, then ephemeral containers. Computed once per spec and path. */
export function containersOf(spec: any, specPath: string): ContainerView[] {
  if (!spec || typeof spec !== 'object') return [];
  let byPath = containerViews.get(spec);
  if (!byPath) containerViews.set(spec, byPath = new Map());
  let views = byPath.get(specPath);
  if (!views) byPath.set(specPath, views = listContainers(spec, specPath));
  return views;
}

function listContainers(spec: any, specPath: string): ContainerView[] {
  const out: ContainerView[] = [];
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = spec?.[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((container, i) => {
      if (isObject(container)) out.push({ container, kind, path: `${specPath}.${kind}[${i}]` });
    });
  }
  return out;
}

/** Joins dotted path segments, skipping empty ones. */
export function joinPath(...parts: string[]): string {
  // Every rule joins its template's path for every object: no intermediate arrays.
  let joined = '';
  for (const part of parts) {
    if (part !== '') joined = joined === '' ? part : `${joined}.${part}`;
  }
  return joined;
}

export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
