import { cdk8s, javascript } from 'projen';

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
  minNodeVersion: '20.0.0',

  // The registry mirrors only some versions: see DEVELOPERS.md.
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~5.9',
  typescriptVersion: '~5.9',
  projenVersion: '0.103.25',
  peerDeps: ['cdk8s-plus-28@~2.5.6'],
  devDeps: ['cdk8s-plus-28@2.5.6', 'kubernetes-models@^4.5.1', 'fast-check@^4.3.0', 'ts-node', '@types/js-yaml@^4.0.9'],
  // yaml (what cdk8s ships) reports errors with lines; js-yaml parses ten times faster, which the
  // audit of large manifests needs (docs/PERFORMANCE.md). Both are bundled.
  bundledDeps: ['yaml@^2.3.0', 'js-yaml@^4.1.0'],
  bin: { 'cdk8s-node-agents': 'lib/cli/main.js' },

  // CI is `.ci/run`; no GitHub workflows, releases or bots.
  github: false,
  release: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  sampleCode: false,
  docgen: true,

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The pack test and the conformance suite take a while on 2 cores.
      testTimeout: 300_000,
    },
  },
  gitignore: ['/dist/', '/.tmp/'],
});

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
    include: ['**/*.ts'],
    compilerOptions: { rootDir: '..', noEmit: true },
  });
  project.eslint?.addLintPattern(dir);
}

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
