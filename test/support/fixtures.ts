import { join } from 'path';

/**
 * Every fixture the tests and the benchmark read, vendored under test/fixtures/ with its
 * upstream licence and source commit: nothing is read from outside the repository.
 */
const ROOT = join(__dirname, '..', 'fixtures');

/** The official Pod Security admission fixtures: `<level>/v1.<minor>/<pass|fail>/<name>.yaml`. */
export const POD_SECURITY_FIXTURES = join(ROOT, 'pod-security-admission', 'testdata');

/** Real upstream node-agent manifests, unmodified (test/fixtures/corpus/SOURCES.md). */
export const CORPUS = join(ROOT, 'corpus');
