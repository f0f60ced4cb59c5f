/** How serious a finding is. */
export enum Severity {
  /** The object would be rejected, or its pods would fail: synthesis stops. */
  ERROR = 'error',
  /** Legal, but almost certainly not what was meant. */
  WARNING = 'warning',
  /** Worth knowing. */
  INFO = 'info',
}

/** One problem found in one object. */
export interface Finding {
  /** The id of the rule that found it. */
  readonly rule: string;
  readonly severity: Severity;
  /** Dotted path of the offending field in the object, e.g. `spec.template.spec.hostNetwork`. */
  readonly path: string;
  /** What is wrong, the bad value, and what would be accepted. */
  readonly message: string;
}
