/**
 * Validates manifests against the Kubernetes OpenAPI schema with kubernetes-models, the
 * independent check of what we synthesize. An object of a kind it does not know fails.
 */
export function validateAgainstSchema(obj: any): void {
  const apiVersion: string = obj?.apiVersion ?? '';
  const modulePath = `kubernetes-models/${apiVersion}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(modulePath);
  const Model = models[obj.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${obj.kind} in ${apiVersion}`);
  new Model(obj).validate();
}

/** Validates every manifest and returns them, for chaining. */
export function schemaValid(manifests: any[]): any[] {
  for (const m of manifests) {
    try {
      validateAgainstSchema(m);
    } catch (e) {
      throw new Error(`${m.kind} ${m.metadata?.name}: ${(e as Error).message}`);
    }
  }
  return manifests;
}
