import { Severity } from '../finding';
import { eachContainer, ManifestRule } from '../rule';

/** Every container names an image. */
export const containerImage: ManifestRule = {
  id: 'container-image',
  description: 'a container without an image',
  severity: Severity.ERROR,
  source: 'validateContainerCommon (image required)',
  kinds: ['*'],
  check(obj) {
    return eachContainer(obj, (c, out) => {
      const image = c.container.image;
      if (typeof image !== 'string' || image.trim() === '') {
        out.push({ path: `${c.path}.image`, message: `container "${c.container.name}" has no image; name the image to run, for example registry.k8s.io/kube-proxy:v1.34.1` });
      }
    });
  },
};
