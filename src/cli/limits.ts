/** The bounds on what one run reads; each has a command-line flag (see README). */
export interface InputLimits {
  /** Bytes read from one file or from standard input (`--max-input-size`). */
  readonly maxInputBytes: number;
  /** Nodes that aliases and merge keys may add to one document once expanded (`--max-alias-nodes`). */
  readonly maxAliasNodes: number;
}

export const DEFAULT_LIMITS: InputLimits = {
  maxInputBytes: 64 * 1024 * 1024,
  maxAliasNodes: 100_000,
};

/**
 * The largest file SARIF reads again for the lines of its fields: parsing with positions takes
 * about a hundred times the file's size, so larger files' results point at line 1.
 */
export const MAX_LINES_SOURCE_BYTES = 2 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, 'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3 };

/** `1048576`, `512Ki`, `64Mi`, `1Gi`; `undefined` when not one of these. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(text);
  if (!m) return undefined;
  const bytes = Number(m[1]) * UNITS[m[2] ?? ''];
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `64 MiB` for messages. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
