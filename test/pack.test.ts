import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * The library as users get it: packed with `npm pack`, installed from the tarball into a
 * fresh cdk8s app that has only cdk8s, constructs and cdk8s-plus-28, and synthesized there.
 * `npm test` compiles lib/ before jest runs.
 */
test('the packed library installs into a fresh cdk8s app and synthesizes an agent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-node-agents-pack-'));
  try {
    const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'] });
    run('npm', ['pack', '--pack-destination', dir, '--silent'], join(__dirname, '..'));
    const tarball = readdirSync(dir).find(f => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const appDir = join(dir, 'app');
    run('mkdir', ['-p', appDir], dir);
    writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'consumer', version: '0.0.0', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--silent', join(dir, tarball!), 'cdk8s@2.68.12', 'constructs@10.3.0', 'cdk8s-plus-28@2.5.6'], appDir);
    writeFileSync(join(appDir, 'main.js'), `
      const { App, Chart } = require('cdk8s');
      const { NodeAgentDaemonSet, HostNetworkDns, HostPath, Capability } = require('cdk8s-node-agents');
      const app = new App();
      const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
      const ds = new NodeAgentDaemonSet(chart, 'cni', { hostNetwork: { dns: HostNetworkDns.NODE, reason: 'CNI' } });
      const c = ds.addContainer({ name: 'cni', image: 'example/cni:1.0' });
      c.grantCapabilities([Capability.NET_ADMIN], { reason: 'routes' });
      c.mountHostPath(HostPath.CNI_CONFIG, { writable: true, allowSensitive: true, reason: 'writes CNI config' });
      process.stdout.write(app.synthYaml());
    `);
    const yaml = run('node', ['main.js'], appDir);
    expect(yaml).toContain('kind: DaemonSet');
    expect(yaml).toContain('- NET_ADMIN');
    expect(yaml).toContain('priorityClassName: system-node-critical');
    expect(yaml).toContain('path: /etc/cni/net.d');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
