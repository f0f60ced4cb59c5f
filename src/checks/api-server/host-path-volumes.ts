import { joinPath } from '../../model/pod-template';
import { Severity } from '../finding';
import { eachVolume, ManifestRule, show } from '../rule';

const TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

/** hostPath volumes have a path without `..` elements and a known type. */
export const hostPathVolumes: ManifestRule = {
  id: 'host-path-volumes',
  description: 'hostPath without a path, with a `..` element, or of an unknown type',
  severity: Severity.ERROR,
  source: 'validateHostPathVolumeSource (validatePathNoBacksteps, validateHostPathType)',
  kinds: ['*'],
  check(obj) {
    return eachVolume(obj, (v, i, out, template) => {
      const hostPath = v?.hostPath;
      if (!hostPath) return;
      const path = joinPath(template.path, `spec.volumes[${i}].hostPath`);
      if (typeof hostPath.path !== 'string' || hostPath.path === '') {
        out.push({ path: `${path}.path`, message: `hostPath volume "${v.name}" has no path; give the absolute path on the node` });
      } else if (hostPath.path.replace(/\\/g, '/').split('/').includes('..')) {
        out.push({ path: `${path}.path`, message: `host path ${show(hostPath.path)} contains ".."; give the resolved absolute path` });
      }
      if (hostPath.type !== undefined && hostPath.type !== null && !TYPES.includes(hostPath.type)) {
        out.push({ path: `${path}.type`, message: `hostPath type ${show(hostPath.type)} is not supported; use one of ${TYPES.map(t => show(t)).join(', ')}` });
      }
    });
  },
};
