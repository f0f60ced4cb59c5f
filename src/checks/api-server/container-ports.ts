import { Severity } from '../finding';
import { isIanaServiceName } from '../formats';
import { eachContainer, ManifestRule, show } from '../rule';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** Port numbers, protocols and names of every container port. */
export const containerPorts: ManifestRule = {
  id: 'container-ports',
  description: 'containerPort outside 1-65535, hostPort outside 0-65535, unknown protocol, port names that are not IANA service names or repeat in a container',
  severity: Severity.ERROR,
  source: 'validateContainerPorts (IsValidPortNum, IsValidPortName)',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const names = new Set<string>();
      (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((p: any, i: number) => {
        const path = `${c.path}.ports[${i}]`;
        if (!isPort(p?.containerPort)) {
          out.push({ path: `${path}.containerPort`, message: `containerPort ${show(p?.containerPort)} is not a port number; use an integer from 1 to 65535` });
        }
        if (p?.hostPort !== undefined && p.hostPort !== 0 && !isPort(p.hostPort)) {
          out.push({ path: `${path}.hostPort`, message: `hostPort ${show(p.hostPort)} is not a port number; use an integer from 1 to 65535, or leave it unset` });
        }
        if (p?.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) {
          out.push({ path: `${path}.protocol`, message: `protocol ${show(p.protocol)} is not supported; use one of ${PROTOCOLS.join(', ')}` });
        }
        if (p?.name !== undefined) {
          if (!isIanaServiceName(p.name)) {
            out.push({ path: `${path}.name`, message: `port name ${show(p.name)} is not an IANA service name; use at most 15 lower-case letters, digits and "-", with at least one letter, no "--" and no "-" at either end` });
          } else if (names.has(p.name)) {
            out.push({ path: `${path}.name`, message: `port name ${show(p.name)} is used twice in container ${show(c.container.name)}; port names must be unique within a container` });
          }
          names.add(p.name);
        }
      });
    });
  },
};

function isPort(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}
