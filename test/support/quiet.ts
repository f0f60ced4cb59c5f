import { format } from 'util';

/**
 * Set up for every suite (jest `setupFilesAfterEnv`): a test that writes to standard error or
 * the console without capturing it fails, so that `npm test` prints only the results. Expected
 * warnings are run in `withStderr()` (test/support/output.ts) and asserted.
 */
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const unexpected: string[] = [];

beforeEach(() => {
  unexpected.length = 0;
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    // execFileSync passes a child's (empty) standard error on: nothing was printed.
    if (String(chunk) !== '') unexpected.push(String(chunk));
    return true;
  });
  for (const method of METHODS) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      unexpected.push(`console.${method}: ${format(...args)}\n`);
    });
  }
});

afterEach(() => {
  (process.stderr.write as unknown as jest.SpyInstance).mockRestore?.();
  for (const method of METHODS) (console[method] as unknown as jest.SpyInstance).mockRestore?.();
  if (unexpected.length > 0) {
    const output = unexpected.join('');
    unexpected.length = 0;
    throw new Error(`The test printed output it does not assert; run it in withStderr() (test/support/output.ts) and assert it:\n${output}`);
  }
});
