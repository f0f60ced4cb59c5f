/**
 * What a test expects to be printed. test/support/quiet.ts fails a test that writes to standard
 * error or the console unasked; a test that expects warnings runs the code that prints them here
 * and asserts the lines it gets back.
 */
export function withStderr<T>(fn: () => T): [T, string[]] {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write');
  const previous = spy.getMockImplementation();
  spy.mockImplementation((chunk: any) => {
    written.push(String(chunk));
    return true;
  });
  try {
    return [fn(), written.join('').split('\n').filter(line => line !== '')];
  } finally {
    if (previous) spy.mockImplementation(previous);
    else spy.mockRestore();
  }
}

/**
 * Runs code whose warnings a test does not assert one by one (random props, several apps): every
 * line it prints must be one of the library's warnings, `Warning: [construct path] message`.
 * What the code throws is thrown again after the check.
 */
export function warningsOnly<T>(fn: () => T): T {
  const [outcome, lines] = withStderr((): { value: T } | { error: unknown } => {
    try {
      return { value: fn() };
    } catch (error) {
      return { error };
    }
  });
  expect(lines.filter(line => !/^Warning: \[[^\]]+\] \S/.test(line))).toEqual([]);
  if ('value' in outcome) return outcome.value;
  throw outcome.error;
}
