/**
 * The YAML the `audit` cases read: a one-agent file as the library writes it, and mixed
 * manifests of any size, as a cluster's whole set of manifests looks: workloads of every kind
 * that holds a pod template (restricted, baseline and privileged ones, some with the library's
 * grants annotation) among Services, ConfigMaps and ServiceAccounts, which audit skips.
 */
import { Yaml } from 'cdk8s';
import { buildApp } from './agents';

/** The one-agent file: the library's namespace, quota and DaemonSet for one agent. */
export function oneAgentYaml(): string {
  // Rendered with toJson, never synthesized: nothing is written to the outdir.
  const app = buildApp('node-agents', 1, 'ten-charts', 'dist');
  return Yaml.stringify(...app.charts.flatMap(c => c.toJson()));
}

const GRANTS = JSON.stringify(JSON.stringify([
  { privilege: 'hostNetwork', reason: 'routes' },
  { privilege: 'capability', container: 'agent', capability: 'NET_ADMIN', reason: 'routes' },
  { privilege: 'hostPath', container: 'agent', path: '/run/xtables.lock', writable: true, reason: 'the iptables lock' },
]));

const podSpecs: Array<(i: number) => string> = [
  // A node agent written with the library: host network, a capability, a writable host path.
  i => `      hostNetwork: true
      dnsPolicy: Default
      priorityClassName: system-node-critical
      containers:
      - name: agent
        image: example/agent:1.${i % 7}
        securityContext: { allowPrivilegeEscalation: false, capabilities: { add: [NET_ADMIN], drop: [ALL] }, seccompProfile: { type: RuntimeDefault } }
        volumeMounts: [{ name: lock, mountPath: /run/xtables.lock }]
      volumes: [{ name: lock, hostPath: { path: /run/xtables.lock, type: FileOrCreate } }]`,
  // A restricted web workload.
  i => `      securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
      containers:
      - name: web
        image: example/web:2.${i % 5}
        ports: [{ containerPort: 8080 }]
        resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }`,
  // A baseline worker with an init container.
  i => `      initContainers:
      - name: migrate
        image: example/migrate:${i % 3}
      containers:
      - name: worker
        image: example/worker:3.${i % 4}
        env: [{ name: QUEUE, value: jobs-${i % 11} }]`,
  // A privileged agent reading the node's root and the container runtime socket.
  i => `      hostPID: true
      containers:
      - name: sensor
        image: example/sensor:${i % 9}
        securityContext: { privileged: true }
        volumeMounts: [{ name: root, mountPath: /host, readOnly: true }, { name: sock, mountPath: /run/containerd/containerd.sock }]
      volumes: [{ name: root, hostPath: { path: / } }, { name: sock, hostPath: { path: /run/containerd/containerd.sock, type: Socket } }]`,
];

function workload(kind: string, i: number, spec: string, granted: boolean): string {
  const annotations = granted ? `\n  annotations: { node-agents.cdk8s.io/grants: ${GRANTS} }` : '';
  const meta = `metadata:\n  name: ${kind.toLowerCase()}-${i}\n  namespace: team-${i % 17}${annotations}`;
  const template = `    metadata: { labels: { app: w-${i} } }\n    spec:\n${spec}`;
  switch (kind) {
    case 'Pod': return `apiVersion: v1\nkind: Pod\n${meta}\nspec:\n${spec.replace(/^ {4}/gm, '')}\n`;
    case 'CronJob': return `apiVersion: batch/v1\nkind: CronJob\n${meta}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${template.replace(/^/gm, '    ')}\n          restartPolicy: OnFailure\n`;
    default: return `apiVersion: apps/v1\nkind: ${kind}\n${meta}\nspec:\n  selector: { matchLabels: { app: w-${i} } }\n  template:\n${template}\n`;
  }
}

const others: Array<(i: number) => string> = [
  i => `apiVersion: v1\nkind: Service\nmetadata: { name: svc-${i}, namespace: team-${i % 17} }\nspec:\n  selector: { app: w-${i} }\n  ports: [{ port: 80, targetPort: 8080 }]\n`,
  i => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cm-${i}, namespace: team-${i % 17} }\ndata:\n  config.yaml: |\n    level: info\n    shard: ${i}\n`,
  i => `apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: sa-${i}, namespace: team-${i % 17} }\n`,
];

const KINDS = ['DaemonSet', 'Deployment', 'StatefulSet', 'CronJob', 'Pod', 'Deployment', 'Deployment'];

/** `count` objects: seven in ten hold a pod template (every kind in turn, every pod shape in turn), the rest do not. */
export function mixedYaml(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 10 >= 7) { docs.push(others[i % others.length](i)); continue; }
    const kind = KINDS[i % KINDS.length];
    docs.push(workload(kind, i, podSpecs[i % podSpecs.length](i), kind === 'DaemonSet' && i % 2 === 0));
  }
  return docs.join('---\n');
}
