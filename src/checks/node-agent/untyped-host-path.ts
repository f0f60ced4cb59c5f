import { joinPath } from '../../model/pod-template';
import { isSocketPath } from '../../model/sensitive-host-paths';
import { Severity } from '../finding';
import { eachVolume, ManifestRule } from '../rule';

/** Paths that are files on the node, where an untyped mount creates a directory (sockets: the model's). */
const FILES = [/\.lock$/, /^\/etc\/machine-id$/, /^\/dev\/kmsg$/, /^\/etc\/localtime$/, /^\/etc\/os-release$/];

/**
 * An untyped hostPath of a file or socket that does not exist yet is created as a directory:
 * that is how /run/xtables.lock ends up a directory and kube-proxy never starts
 * (aws/amazon-vpc-cni-k8s#3506).
 */
export const untypedHostPath: ManifestRule = {
  id: 'untyped-host-path',
  description: 'an untyped hostPath of a file or socket (created as a directory when missing); sockets are `.sock` files and the sockets of docs/SENSITIVE-HOST-PATHS.md (`/run/dbus/system_bus_socket`, `/run/systemd/private`) in both spellings',
  severity: Severity.WARNING,
  source: 'aws/amazon-vpc-cni-k8s#3506, kubernetes/kubernetes#46132',
  kinds: ['*'],
  check(obj) {
    return eachVolume(obj, (v, i, out, template) => {
      const path = v?.hostPath?.path;
      if (typeof path !== 'string' || (v.hostPath.type ?? '') !== '') return;
      const socket = isSocketPath(path);
      if (!socket && !FILES.some(re => re.test(path))) return;
      const type = socket ? 'Socket' : path.endsWith('.lock') ? 'FileOrCreate' : 'File';
      out.push({ path: joinPath(template.path, `spec.volumes[${i}].hostPath.type`), message: `hostPath ${path} has no type: if it is missing on the node it is created as a directory; set type ${type}` });
    });
  },
};
