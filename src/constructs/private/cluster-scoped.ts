/**
 * Drops `metadata.namespace` from a rendered cluster-scoped object: cdk8s writes a chart's
 * namespace into every object of the chart, cluster-scoped kinds included.
 */
export function withoutNamespace(json: any): any {
  if (json.metadata) delete json.metadata.namespace;
  return json;
}
