import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's node environment with a temporary directory of its own for each suite, removed after it.
 * TMPDIR points there while the suite runs, so whatever a test or a library makes with
 * `os.tmpdir()` (cdk8s' `Testing.app()` makes a `cdk8s.outdir.*` per call, the CLI and pack tests
 * their inputs) goes with it, also when a test fails. Set here rather than in a setup file because
 * `os.tmpdir()` reads the worker's own environment, which test code sees only as a copy.
 */
export default class SuiteTempDirEnvironment extends TestEnvironment {
  private readonly previousTmpdir = process.env.TMPDIR;
  private dir?: string;

  async setup(): Promise<void> {
    await super.setup();
    this.dir = mkdtempSync(join(tmpdir(), 'cdk8s-node-agents-test-'));
    process.env.TMPDIR = this.dir;
    this.global.process.env.TMPDIR = this.dir;
  }

  async teardown(): Promise<void> {
    if (this.previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = this.previousTmpdir;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    await super.teardown();
  }
}
