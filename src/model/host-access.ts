import { Grant, Privilege } from './grant';
import { grantKey } from './grant-kinds';

/**
 * The host access granted to one pod template: the single record every grant goes
 * through, from which the pod spec, the annotations and the reports are derived.
 *
 * A grant made twice is kept once; the first reason given wins unless the first had none.
 */
export class HostAccess {
  private readonly grants = new Map<string, Grant>();

  /** @param onGrant told of each grant the first time it is made */
  constructor(private readonly onGrant: (grant: Grant) => void = () => {}) {}

  /** Records a grant. */
  public add(grant: Grant): void {
    const key = grantKey(grant);
    const existing = this.grants.get(key);
    if (!existing || (!existing.reason && grant.reason)) {
      this.grants.set(key, grant);
    }
    if (!existing) this.onGrant(grant);
  }

  /** Every grant, in the order first made. */
  public all(): Grant[] {
    return [...this.grants.values()];
  }

  /** The grants of one container. */
  public ofContainer(container: string): Grant[] {
    return this.all().filter(g => g.container === container);
  }

  /** Whether the pod, or the named container, holds a privilege. */
  public has(privilege: Privilege, container?: string): boolean {
    return this.all().some(g => g.privilege === privilege && g.container === container);
  }
}
