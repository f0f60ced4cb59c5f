// Constructs that users touch.
export * from './constructs/node-agent-daemon-set';
export * from './constructs/agent-container';
export * from './constructs/critical-priority-class';
export * from './constructs/critical-pods-quota';
export * from './constructs/priority-class';
export * from './constructs/agent-tolerations';
export * from './constructs/agent-update-strategy';
export * from './constructs/host-network';
export * from './constructs/node-agent-namespace';
export * from './constructs/grant-policy';
export * from './constructs/validation-policy';
export * from './constructs/scanner-acknowledgements';
export * from './constructs/pod-security-report';
export * from './constructs/node-agent-checks';
export * from './plugin/validation-plugin';
export { PodSecurityLevel } from './checks/pod-security/api';
// The model of a pod's host access.
export * from './model/capability';
export * from './model/grant';
export * from './constructs/host-path';
export { Scanner } from './model/acknowledgements/scanner';
