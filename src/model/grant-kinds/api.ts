import { Grant, Privilege } from '../grant';
import type { HeldAccess } from '../held-access';

/**
 * Everything the library knows about one kind of grant, in one place: how it is identified and
 * described, what it writes into the pod, what host access of its kind a rendered pod holds and
 * which of it the grant allows, how to ask for it, which Pod Security checks it makes fail, and
 * which checks of each scanner it makes fire. Adding a kind is adding a module and listing it in
 * `index.ts`; the compiler then asks for every field, scanners included.
 */
export interface GrantKind {
  readonly privilege: Privilege;
  /** Whether it is granted to the pod (host namespaces) or to one container. */
  readonly scope: 'pod' | 'container';
  /**
   * Whether a grant names what it grants: a capability, a path, a port, an SELinux type. A
   * container kind that names nothing is granted by `AgentContainer.grant(privilege)`; the others
   * need their own method or prop to say what.
   */
  readonly targeted: boolean;
  /** The Pod Security checks a grant of this kind can make fail. */
  readonly podSecurityChecks: readonly string[];
  /** The checks of each scanner a grant of this kind makes fire. */
  readonly scanners: ScannerChecks;
  /** The fields that tell two grants of this kind apart, besides the container. */
  identity(grant: Grant): string;
  /** What the grant targets, for labels: `NET_ADMIN`, `/var/log ro`, `9100/TCP`; undefined when nothing. */
  target(grant: Grant): string | undefined;
  /** What it allows, in words, without its reason: `capability NET_ADMIN`. */
  describe(grant: Grant): string;
  /** Host access of this kind that a container (or, for pod kinds, the pod) of a rendered pod holds. */
  held(where: HeldContext): HeldAccess[];
  /** Whether the grant allows a piece of held access of any kind (a privileged grant allows several). */
  allows(grant: Grant, held: HeldAccess): boolean;
  /** The library call that grants held access of this kind. */
  howToGrant(held: HeldAccess): string;
  /** What the grant changes in its container's securityContext, from the hardened default. */
  securityContext?(grant: Grant, context: SecurityContextDraft): void;
  /** What the grant sets on the pod: host namespace fields, pod-template annotations. */
  pod?(grant: Grant, pod: PodDraft): void;
}

/** The scanners whose acknowledgements the library writes: every kind must say what each reports. */
export interface ScannerChecks {
  /** kube-linter check names. */
  kubeLinter(grant: Grant): string[];
  /** Polaris check ids. */
  polaris(grant: Grant): string[];
  /** Checkov check ids. */
  checkov(grant: Grant): string[];
  /** kubeaudit override names (`allow-...` without the prefix), given the rendered pod spec. */
  kubeaudit(grant: Grant, podSpec: any): string[];
}

/** Where held access is looked for: the pod, or one of its containers. */
export interface HeldContext {
  /** The rendered pod spec. */
  readonly spec: any;
  /** Dotted path of the pod spec in its object. */
  readonly specPath: string;
  /** The pod template's annotations. */
  readonly annotations: Record<string, unknown>;
  /** The pod's securityContext. */
  readonly podContext: any;
  /** The pod's hostPath volumes by name. */
  readonly hostVolumes: ReadonlyMap<string, HostPathVolume>;
  /** The container, when looking at one. */
  readonly container?: ContainerContext;
}

/** A container of a rendered pod. */
export interface ContainerContext {
  readonly name: string;
  readonly container: any;
  /** Its securityContext, `{}` when none. */
  readonly securityContext: any;
  /** Dotted path of the container. */
  readonly path: string;
}

/** A hostPath volume of a rendered pod. */
export interface HostPathVolume {
  /** The normalised path. */
  readonly path: string;
  /** The path as written. */
  readonly written: string;
  /** Dotted path of the volume's path field. */
  readonly field: string;
}

/**
 * A container securityContext being derived from grants: every field of Kubernetes'
 * SecurityContext that cdk8s-plus-28 writes, with Kubernetes names, so that a kind can set any of
 * them.
 */
export interface SecurityContextDraft {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  readOnlyRootFilesystem?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  procMount?: string;
  seccompProfile?: { type: string; localhostProfile?: string };
  seLinuxOptions?: { type?: string; level?: string; role?: string; user?: string };
  windowsOptions?: { gmsaCredentialSpec?: string; gmsaCredentialSpecName?: string; hostProcess?: boolean; runAsUserName?: string };
}

/** What grants set on the pod (Kubernetes field names). */
export interface PodDraft {
  readonly spec: { hostNetwork?: boolean; hostPID?: boolean; hostIPC?: boolean };
  readonly annotations: Record<string, string>;
}

/** The same container, or both pod-level. */
export function sameContainer(grant: Grant, held: HeldAccess): boolean {
  return grant.container === held.container;
}
