import { containerImage } from './api-server/container-image';
import { containerNames } from './api-server/container-names';
import { containerPorts } from './api-server/container-ports';
import { containerRestartPolicy } from './api-server/container-restart-policy';
import { daemonSetCounts } from './api-server/daemon-set-counts';
import { daemonSetRestartPolicy } from './api-server/daemon-set-restart-policy';
import { daemonSetSelector } from './api-server/daemon-set-selector';
import { daemonSetUpdateStrategy } from './api-server/daemon-set-update-strategy';
import { dnsConfig } from './api-server/dns-config';
import { dnsPolicy } from './api-server/dns-policy';
import { duplicateHostPorts } from './api-server/duplicate-host-ports';
import { handlerPorts } from './api-server/handler-ports';
import { hostAliases } from './api-server/host-aliases';
import { hostNamespaceConflicts } from './api-server/host-namespace-conflicts';
import { hostNetworkPorts } from './api-server/host-network-ports';
import { hostPathVolumes } from './api-server/host-path-volumes';
import { metadataKeys } from './api-server/metadata-keys';
import { mountPropagation } from './api-server/mount-propagation';
import { nodeSelector } from './api-server/node-selector';
import { objectName } from './api-server/object-name';
import { objectNamespace } from './api-server/object-namespace';
import { podHostname } from './api-server/pod-hostname';
import { podSpecNames } from './api-server/pod-spec-names';
import { preemptionPolicy } from './api-server/preemption-policy';
import { priorityClassName } from './api-server/priority-class-name';
import { priorityClassValue } from './api-server/priority-class-value';
import { privilegedEscalation } from './api-server/privileged-escalation';
import { probeThresholds } from './api-server/probe-thresholds';
import { seccompProfile } from './api-server/seccomp-profile';
import { securityContextIds } from './api-server/security-context-ids';
import { systemPriorityClass } from './api-server/system-priority-class';
import { tolerationFields } from './api-server/toleration-fields';
import { volumeMounts } from './api-server/volume-mounts';
import { volumeNames } from './api-server/volume-names';
import { blanketTolerationWithoutLinux } from './node-agent/blanket-toleration-without-linux';
import { capabilitiesWithoutRoot } from './node-agent/capabilities-without-root';
import { capabilityNames } from './node-agent/capability-names';
import { credentialsInEnv } from './node-agent/credentials-in-env';
import { evictedByNoExecuteTaints } from './node-agent/evicted-by-no-execute-taints';
import { gracePeriodSkipsPreStop } from './node-agent/grace-period-skips-pre-stop';
import { hostNetworkDns } from './node-agent/host-network-dns';
import { hostPathAccess } from './node-agent/host-path-access';
import { maxSurgeWithHostPorts } from './node-agent/max-surge-with-host-ports';
import { missingRequests } from './node-agent/missing-requests';
import { noPriorityClass } from './node-agent/no-priority-class';
import { noTolerations } from './node-agent/no-tolerations';
import { readOnlySocketMount } from './node-agent/read-only-socket-mount';
import { relativeHostPath } from './node-agent/relative-host-path';
import { resourceFieldRefWithoutLimit } from './node-agent/resource-field-ref-without-limit';
import { runtimeSocket } from './node-agent/runtime-socket';
import { settingsOnPrivileged } from './node-agent/settings-on-privileged';
import { skipsNoScheduleTaints } from './node-agent/skips-no-schedule-taints';
import { ungrantedHostAccess } from './node-agent/ungranted-host-access';
import { untypedHostPath } from './node-agent/untyped-host-path';
import { ManifestRule } from './rule';

/** Rules mirroring what the API server rejects (docs/RULES.md lists each with its source). */
export const API_SERVER_RULES: readonly ManifestRule[] = [
  objectName,
  metadataKeys,
  objectNamespace,
  containerNames,
  containerImage,
  volumeNames,
  volumeMounts,
  containerPorts,
  handlerPorts,
  probeThresholds,
  containerRestartPolicy,
  duplicateHostPorts,
  hostNetworkPorts,
  privilegedEscalation,
  seccompProfile,
  securityContextIds,
  hostPathVolumes,
  mountPropagation,
  dnsPolicy,
  dnsConfig,
  hostAliases,
  podHostname,
  nodeSelector,
  tolerationFields,
  podSpecNames,
  systemPriorityClass,
  hostNamespaceConflicts,
  daemonSetUpdateStrategy,
  daemonSetSelector,
  daemonSetRestartPolicy,
  daemonSetCounts,
  priorityClassValue,
  priorityClassName,
  preemptionPolicy,
];

/** Node-agent rules: legal manifests that break agents or their rollouts. */
export const NODE_AGENT_RULES: readonly ManifestRule[] = [
  ungrantedHostAccess,
  maxSurgeWithHostPorts,
  hostNetworkDns,
  capabilityNames,
  noTolerations,
  evictedByNoExecuteTaints,
  skipsNoScheduleTaints,
  blanketTolerationWithoutLinux,
  noPriorityClass,
  missingRequests,
  untypedHostPath,
  relativeHostPath,
  runtimeSocket,
  readOnlySocketMount,
  hostPathAccess,
  settingsOnPrivileged,
  capabilitiesWithoutRoot,
  gracePeriodSkipsPreStop,
  credentialsInEnv,
  resourceFieldRefWithoutLimit,
];

/** Every rule, in the order findings are reported. */
export const ALL_RULES: readonly ManifestRule[] = [...API_SERVER_RULES, ...NODE_AGENT_RULES];
