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
