import { ApiObject } from 'cdk8s';
import { Finding, Severity } from '../../checks/finding';
import { ALL_RULES } from '../../checks/registry';
import { runRules } from '../../checks/rule';

/**
 * Renders an API object and runs every rule over it, returning one message per error:
 * `<field path>: <what is wrong, the bad value, what is accepted> [rule id]`.
 *
 * cdk8s prefixes each message with the construct path and reports every construct's
 * messages together. An error thrown while rendering (cdk8s-plus throws some of its own
 * checks) becomes a message instead of a stack trace.
 */
/** How a message about an object that could not be rendered starts. */
export const RENDER_FAILURE = 'cannot render';

export function validateApiObject(apiObject: ApiObject): ValidationMessages {
  let json: any;
  try {
    json = apiObject.toJson();
  } catch (e) {
    return { errors: [renderFailure(apiObject, e)], warnings: [] };
  }
  return { ...checkRendered(json), json };
}

/** The message for an object whose rendering threw. */
export function renderFailure(apiObject: ApiObject, error: unknown): string {
  return `${RENDER_FAILURE} ${apiObject.kind}: ${rootMessage(error)}`;
}

/** Runs every rule over a rendered object. */
export function checkRendered(json: any): ValidationMessages {
  const findings = runRules(ALL_RULES, json);
  const format = (f: Finding) => `${f.path}: ${f.message} [${f.rule}]`;
  return {
    errors: findings.filter(f => f.severity === Severity.ERROR).map(format),
    warnings: findings.filter(f => f.severity === Severity.WARNING).map(format),
  };
}

/** Messages of one construct, by severity. */
export interface ValidationMessages {
  readonly errors: string[];
  readonly warnings: string[];
  /** The rendered object, when it could be rendered. */
  readonly json?: any;
}

/** The innermost message of an error cdk8s wrapped while serializing. */
export function rootMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const inner = /Error: (.*)$/s.exec(message);
  return (inner ? inner[1] : message).split('\n')[0];
}
