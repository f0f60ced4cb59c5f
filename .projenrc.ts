import { cdk8s, javascript, release } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-node-agents',
  description:
    'cdk8s constructs for Kubernetes node agents (CNI, kube-proxy, log shippers, exporters, device and CSI plugins): safe by default, every privilege explicit and explained',
  keywords: ['cdk8s', 'kubernetes', 'daemonset', 'node-agent', 'pod-security', 'cni'],
  author: 'cdk8s-node-agents contributors',
  authorAddress: 'https://github.com/cdk8s-node-agents/cdk8s-node-agents',
  repositoryUrl: 'https://github.com/cdk8s-node-agents/cdk8s-node-agents.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  // Keep the top level to the files of the design: projen's own tsconfig lives in .projen/.
  projenrcTsOptions: { projenCodeDir: '.projen/projenrc' },
  packageManager: javascript.NodePackageManager.NPM,
  // Node 22 is the oldest maintained release; `.ci/run` and scripts/node22 test on it. jsii's strict
  // tsconfig compiles to ES2022.
  minNodeVersion: '22.0.0',
  workflowNodeVersion: '22',

  // The registry mirrors only some versions: see DEVELOPERS.md.
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~5.9',
  typescriptVersion: '~5.9',
  projenVersion: '0.103.25',
  peerDeps: ['cdk8s-plus-28@~2.5.6'],
  devDeps: [
    'cdk8s-plus-28@2.5.6', 'kubernetes-models@^4.5.1', 'fast-check@^4.3.0', 'ts-node', '@types/js-yaml@^4.0.9', 'jest-environment-node@^30.5.2',
    // The validation plugin is tested under the real `cdk8s synth`; SARIF output against the
    // SARIF 2.1.0 JSON schema (draft-04) that @microsoft/jest-sarif ships (MIT).
    'cdk8s-cli@2.207.60', '@microsoft/jest-sarif@1.0.0-beta.0', 'ajv@^8.17.1', 'ajv-draft-04@^1.0.0', 'ajv-formats@^2.1.1', '@types/sarif@^2.1.7',
  ],
  // yaml (what cdk8s ships) reports errors with lines; js-yaml parses ten times faster, which the
  // audit of large manifests needs (docs/PERFORMANCE.md). Both are bundled; js-yaml from
  // vendor/js-yaml (scripts/vendor-js-yaml): its sources only, without the browser builds and the
  // command-line tool (and argparse) that would make up 270 of the package's 560 kB.
  bundledDeps: ['yaml@^2.3.0', 'js-yaml@file:vendor/js-yaml'],
  bin: { 'cdk8s-node-agents': 'lib/cli/main.js' },

  // CI is `.ci/run`; no GitHub workflows or bots. With `github: false` projen writes no release
  // workflow: releases are the `release` task, run by hand (README, "Releasing").
  github: false,
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual({ gitPushCommand: '' }),
  majorVersion: 0,
  // The first release is 0.1.0 (projen would start at 0.0.0); later ones follow the commits.
  nextVersionCommand: 'git rev-parse --verify --quiet "refs/tags/$LATEST_TAG" >/dev/null || echo 0.1.0',
  releaseToNpm: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  sampleCode: false,
  docgen: true,

  // Lint in CI only reports: `npx projen eslint --fix` rewrites sources when asked to.
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'build-tools'], commandOptions: { fix: false } },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    // A one-line summary per metric; the per-file table is in coverage/lcov-report.
    coverageText: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The pack test and the conformance suite take a while on 2 cores.
      testTimeout: 300_000,
      collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
      coverageReporters: ['json', 'lcov', 'clover', 'cobertura', 'text-summary'],
      // Each suite gets its own TMPDIR, removed after it: cdk8s' Testing.app() makes a directory
      // per call and tests leave nothing in /tmp.
      testEnvironment: '<rootDir>/test/support/environment.ts',
      // jest's transform cache too stays in the repository, not in the system's temporary directory.
      cacheDirectory: '<rootDir>/.tmp/jest-cache',
      // Output a test does not expect fails it; expected warnings are captured and asserted.
      setupFilesAfterEnv: ['<rootDir>/test/support/quiet.ts'],
    },
  },
  gitignore: ['/dist/', '/.tmp/'],
  // jsii writes no inline source maps: they doubled the size of lib/ in the package.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
});

// What the npm package holds, and nothing else (test/pack.test.ts checks the list).
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md', 'README.md', 'LICENSE', 'docs', 'CHANGELOG.md']);

// The vendored test fixtures are upstream files, not this project's code.
project.gitattributes.addAttributes('/test/fixtures/**', 'linguist-vendored');
project.gitattributes.addAttributes('/vendor/**', 'linguist-vendored');

// Some platform binaries of newer releases are not mirrored; pin their parent so that
// package-lock.json is complete and `npm ci` works in a fresh clone.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Snapshots change only deliberately: `npx jest -u`, then review the diff. No task updates them,
// so nothing in CI or the README can run jest with --updateSnapshot.
project.tasks.removeTask('test:update');

// `npm test` compiles first: the pack test installs the built library, and docgen keeps
// API.md current so that `.ci/run` catches a stale one with `git diff`.
project.testTask.prependSpawn(project.tasks.tryFind('post-compile')!);
project.testTask.prependSpawn(project.compileTask);

// examples/ and bench/ are type-checked and linted like tests, each with its own tsconfig
// so that the eslint project service finds it.
for (const dir of ['examples', 'bench']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromTypescriptConfigs([project.tsconfigDev]),
    // The bench compiles the whole library: the grant kinds are loaded by name, so no import
    // leads the compiler to them.
    include: dir === 'bench' ? ['**/*.ts', '../src/**/*.ts'] : ['**/*.ts'],
    compilerOptions: { rootDir: '..', noEmit: true },
  });
  project.eslint?.addLintPattern(dir);
}

// Layers import one way (docs/ARCHITECTURE.md): a circle of imports is a lint error.
project.eslint?.addRules({ 'import/no-cycle': ['error', { maxDepth: '∞' }] });

project.addTask('examples', {
  description: 'Synthesize every example into dist/examples/ and print its privilege report',
  exec: 'ts-node --project examples/tsconfig.json examples/main.ts',
});

// The bench times plain JavaScript: it and the library are compiled to .tmp/bench/ first, no
// ts-node in the timed path. `npm run bench -- --quick` runs fewer rounds.
const bench = project.addTask('bench', {
  description: 'Benchmark the library against cdk8s-plus and raw cdk8s, and audit against its floor; writes docs/PERFORMANCE.md',
});
bench.exec('rm -rf .tmp/bench && tsc -p bench/tsconfig.json --noEmit false --declaration false --outDir .tmp/bench');
bench.exec('node .tmp/bench/bench/main.js', { receiveArgs: true });

project.synth();
