import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { PodSecurityLevel } from '../../src/checks/pod-security/api';
import { evaluatePodSecurity, leastPrivilegedLevel, requiredPodSecurityLevel } from '../../src/checks/pod-security/registry';
import { POD_SECURITY_FIXTURES } from '../support/fixtures';

/**
 * The official Pod Security admission fixtures (kubernetes/pod-security-admission
 * test/testdata): every `pass` pod is admitted and every `fail` pod denied at its directory's
 * level and version. The fixtures are vendored in test/fixtures; a missing folder fails the suite.
 */
export const FIXTURES = POD_SECURITY_FIXTURES;

export interface Fixture { level: PodSecurityLevel; minor: number; expect: 'pass' | 'fail'; file: string; pod: any }

export function loadFixtures(): Fixture[] {
  if (!existsSync(FIXTURES)) {
    throw new Error(`Pod Security fixtures not found at ${FIXTURES}: the conformance suite needs test/fixtures/pod-security-admission`);
  }
  const fixtures: Fixture[] = [];
  for (const level of [PodSecurityLevel.BASELINE, PodSecurityLevel.RESTRICTED]) {
    for (const dir of readdirSync(join(FIXTURES, level))) {
      const minor = parseInt(dir.replace(/^v1\./, ''), 10);
      for (const expect of ['pass', 'fail'] as const) {
        const folder = join(FIXTURES, level, dir, expect);
        if (!existsSync(folder)) continue;
        for (const file of readdirSync(folder).filter(f => f.endsWith('.yaml'))) {
          fixtures.push({ level, minor, expect, file: join(level, dir, expect, file), pod: parse(readFileSync(join(folder, file), 'utf-8')) });
        }
      }
    }
  }
  return fixtures;
}

const fixtures = loadFixtures();

test('all 4,537 official fixtures are present', () => {
  expect(fixtures).toHaveLength(4537);
});

test('the evaluator agrees with every official fixture', () => {
  const disagreements = fixtures
    .filter(f => (evaluatePodSecurity(f.level, f.minor, f.pod.metadata, f.pod.spec).length === 0) !== (f.expect === 'pass'))
    .map(f => f.file);
  expect(disagreements).toEqual([]);
});

test('denied fixtures are denied for the reason their generator names', () => {
  // expectErrorSubstring of each fixture generator (test/fixtures_*.go), keyed by file-name prefix.
  const substrings: Array<[string, string]> = [
    ['apparmorprofile', 'forbidden AppArmor profile'], ['capabilities_baseline', 'capabilities'],
    ['capabilities_restricted', 'unrestricted capabilities'], ['hostnamespaces', 'host namespaces'],
    ['hostpathvolumes', 'hostPath'], ['hostports', 'hostPort'], ['hostprobesandhostlifecycle', 'probe or lifecycle host'],
    ['procmount', 'procMount'], ['restrictedvolumes', 'restricted volume types'], ['selinuxoptions', 'seLinuxOptions'],
    ['seccompprofile', 'seccompProfile'], ['sysctls', 'forbidden sysctl'], ['windowshostprocess', 'hostProcess'],
    ['privileged', 'privileged'], ['allowprivilegeescalation', 'allowPrivilegeEscalation'],
    ['runasnonroot', 'runAsNonRoot'], ['runasuser', 'runAsUser'],
  ];
  const wrongReason = fixtures.filter(f => f.expect === 'fail').filter(f => {
    const base = f.file.split('/').pop()!;
    const substring = substrings.find(([prefix]) => base.startsWith(prefix))?.[1];
    const messages = evaluatePodSecurity(f.level, f.minor, f.pod.metadata, f.pod.spec).map(v => v.message).join('\n');
    return substring === undefined || !messages.includes(substring);
  }).map(f => f.file);
  expect(wrongReason).toEqual([]);
});

test('the level alone (what namespaces ask for) is the level of the full report, for every fixture pod', () => {
  const levels = (f: Fixture) => [
    leastPrivilegedLevel(f.minor, f.pod.metadata, f.pod.spec),
    requiredPodSecurityLevel(f.minor, f.pod.metadata, f.pod.spec).level,
  ];
  const differing = fixtures.filter(f => new Set(levels(f)).size !== 1).map(f => f.file);
  expect(differing).toEqual([]);
  expect(new Set(fixtures.map(f => levels(f)[0]))).toEqual(new Set(['privileged', 'baseline', 'restricted']));
});
