import { Severity } from '../finding';
import { isIanaServiceName, isPortNumber, PORT_NAME_RULE } from '../formats';
import { eachContainer, ManifestRule, show, Violation } from '../rule';

const HANDLERS = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'];

/**
 * The ports of probe and lifecycle handlers: httpGet and tcpSocket take a port number or the
 * name of a port (the name is not checked against the container's ports, only its syntax);
 * grpc takes a number only.
 */
export const handlerPorts: ManifestRule = {
  id: 'handler-ports',
  description: 'probe and lifecycle handler ports (liveness, readiness, startup, postStart, preStop): httpGet and tcpSocket ports that are neither 1-65535 nor an IANA service name (a number written as a string is a name, and refused), gRPC ports outside 1-65535',
  severity: Severity.ERROR,
  source: 'validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction (ValidatePortNumOrName)',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      for (const field of HANDLERS) {
        const handler = field.split('.').reduce((v: any, key) => v?.[key], c.container);
        if (!handler || typeof handler !== 'object') continue;
        const at = `${c.path}.${field}`;
        for (const action of ['httpGet', 'tcpSocket']) {
          if (handler[action]) checkNumberOrName(handler[action].port, `${at}.${action}.port`, out);
        }
        if (handler.grpc && !isPortNumber(handler.grpc.port)) {
          out.push({ path: `${at}.grpc.port`, message: `gRPC port ${show(handler.grpc.port)} is not a port number; use an integer from 1 to 65535 (gRPC probes take no port names)` });
        }
      }
    });
  },
};

function checkNumberOrName(port: unknown, path: string, out: Violation[]): void {
  if (typeof port === 'string' ? isIanaServiceName(port) : isPortNumber(port)) return;
  const accepted = typeof port === 'string'
    ? `a port name is ${PORT_NAME_RULE} (a number must be written as an integer, not a string)`
    : 'use an integer from 1 to 65535, or the name of a port (an IANA service name)';
  out.push({ path, message: `port ${show(port)} is not a port number or name; ${accepted}` });
}
