import { App, Chart, Testing } from 'cdk8s';
import { schemaValid } from './schema';

/** Synthesizes a chart and checks every object against the Kubernetes schema. */
export function synthValid(chart: Chart): any[] {
  return schemaValid(Testing.synth(chart));
}

/** The first object of a kind in a list of manifests. */
export function ofKind(manifests: any[], kind: string): any {
  const found = manifests.find(m => m.kind === kind);
  if (!found) throw new Error(`no ${kind} in ${manifests.map(m => m.kind).join(', ')}`);
  return found;
}

/** The validation error synthesis of an app fails with. Fails the test when synthesis succeeds. */
export function synthError(app: App | Chart): string {
  try {
    if (app instanceof App) app.synthYaml(); else Testing.synth(app);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

/** Just the `[path] message` lines of a cdk8s validation error. */
export function errorLines(message: string): string[] {
  return message.split('\n').map(l => l.trim()).filter(l => l.startsWith('['));
}
