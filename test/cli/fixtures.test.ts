import { readdirSync } from 'fs';
import { join } from 'path';
import { runCli } from './support';
import { FIXTURES } from '../pod-security/conformance.test';

/**
 * `audit` over every official fixture directory, one run per policy version: each pass fixture
 * is reported at a level that admits it, each fail fixture at one that does not.
 */
test('audit reports the expected outcome for all 4,537 official fixtures', async () => {
  const versions = readdirSync(join(FIXTURES, 'baseline'));
  const disagreements: string[] = [];
  let audited = 0;
  for (const version of versions) {
    const run = await runCli(['audit', '--format', 'json', '--policy-version', version, join(FIXTURES, 'baseline', version), join(FIXTURES, 'restricted', version)]);
    expect(run.json.errors).toEqual([]);
    expect(run.json.policyVersion).toBe(version);
    for (const obj of run.json.objects) {
      const [level, , outcome] = obj.file.split('/').slice(-4);
      const admitted = level === 'baseline' ? obj.level !== 'privileged' : obj.level === 'restricted';
      if (admitted !== (outcome === 'pass')) disagreements.push(`${obj.file}: ${obj.level}`);
      audited++;
    }
  }
  expect(disagreements).toEqual([]);
  expect(audited).toBe(4537);
});
