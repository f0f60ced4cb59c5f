import { containersOf, holdsPodTemplate, isObject, joinPath, podTemplateOf } from './pod-template';

/**
 * Field-type errors in the parts of an object the checks read, so that a manifest with
 * `containers: "x"` is reported as bad input instead of crashing or passing a check.
 * Each message names the path, what was expected and what was found.
 */
export function podShapeErrors(obj: any): string[] {
  const errors: string[] = [];
  // The path is written only for a field that is wrong: most objects have none.
  const expect = (value: unknown, ok: boolean, base: string, field: string, what: string) => {
    if (value !== undefined && value !== null && !ok) errors.push(`${base ? `${base}.` : ''}${field} must be ${what}, got ${describe(value)}`);
  };
  expect(obj.metadata, isObject(obj.metadata), '', 'metadata', 'an object');
  expect(obj.metadata?.annotations, isObject(obj.metadata?.annotations), 'metadata', 'annotations', 'an object');
  if (!holdsPodTemplate(obj.kind)) return errors;

  const template = podTemplateOf(obj);
  if (!template || !isObject(template.spec) || (obj.kind !== 'Pod' && !isObject(obj.spec?.template ?? obj.template ?? obj.spec?.jobTemplate?.spec?.template))) {
    return [...errors, `the pod template of this ${obj.kind} is missing or not an object`];
  }
  const spec = template.spec;
  const specPath = joinPath(template.path, 'spec');
  for (const flag of ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace']) {
    expect(spec[flag], typeof spec[flag] === 'boolean', specPath, flag, 'true or false');
  }
  for (const obj2 of ['securityContext', 'nodeSelector']) expect(spec[obj2], isObject(spec[obj2]), specPath, obj2, 'an object');
  for (const list of ['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'tolerations']) {
    expect(spec[list], Array.isArray(spec[list]) && spec[list].every(isObject), specPath, list, 'a list of objects');
  }
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errors.push(`${specPath}.containers must be a non-empty list of containers`);
  for (const c of containersOf(spec, specPath)) {
    expect(c.container.securityContext, isObject(c.container.securityContext), c.path, 'securityContext', 'an object');
    expect(c.container.resources, isObject(c.container.resources), c.path, 'resources', 'an object');
    expect(c.container.securityContext?.capabilities?.add, Array.isArray(c.container.securityContext?.capabilities?.add), c.path, 'securityContext.capabilities.add', 'a list');
    for (const list of ['ports', 'volumeMounts', 'env']) {
      expect(c.container[list], Array.isArray(c.container[list]) && c.container[list].every(isObject), c.path, list, 'a list of objects');
    }
    (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
      for (const field of ['containerPort', 'hostPort']) expect(p?.[field], Number.isInteger(p?.[field]), c.path, `ports[${i}].${field}`, 'an integer');
    });
  }
  return errors;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}
