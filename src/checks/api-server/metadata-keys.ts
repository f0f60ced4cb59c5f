import { isObject, podTemplateOf } from '../../model/pod-template';
import { isLabelValue, isQualifiedName, TOTAL_ANNOTATION_SIZE_LIMIT } from '../../model/qualified-name';
import { Severity } from '../finding';
import { ManifestRule, show, Violation } from '../rule';

const KEY_RULE = 'an optional DNS subdomain prefix and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

/**
 * Labels and annotations of the object and of its pod template as the API server checks them:
 * every key a qualified name, every label value at most 63 characters of the same alphabet, and
 * all annotations together at most 256 KiB.
 */
export const metadataKeys: ManifestRule = {
  id: 'metadata-keys',
  description: 'label and annotation keys that are not qualified names, label values that are not valid label values, annotations over 256 KiB together, on the object and its pod template',
  severity: Severity.ERROR,
  source: 'ValidateObjectMeta: ValidateLabels and ValidateAnnotations (apimachinery validation.IsQualifiedName, IsValidLabelValue, TotalAnnotationSizeLimitB)',
  kinds: ['*'],
  check(obj) {
    const out = checkMetadata(obj.metadata, 'metadata');
    const template = podTemplateOf(obj);
    if (template && template.path) out.push(...checkMetadata(template.metadata, `${template.path}.metadata`));
    return out;
  },
};

function checkMetadata(metadata: any, path: string): Violation[] {
  if (!isObject(metadata)) return [];
  const out: Violation[] = [];
  const labels = isObject(metadata.labels) ? metadata.labels : {};
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) out.push({ path: `${path}.labels`, message: `label key ${show(key)} is not a qualified name; use ${KEY_RULE}` });
    else if (typeof value !== 'string' || !isLabelValue(value)) out.push({ path: `${path}.labels["${key}"]`, message: `label value ${show(value).slice(0, 100)} is not a valid label value; use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit` });
  }
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    if (!isQualifiedName(key)) out.push({ path: `${path}.annotations`, message: `annotation key ${show(key)} is not a qualified name; use ${KEY_RULE}` });
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    out.push({ path: `${path}.annotations`, message: `annotations take ${size} bytes together, more than the API server's limit of ${TOTAL_ANNOTATION_SIZE_LIMIT} (256 KiB); shorten the longest values (a grant's reason is stored once, in node-agents.cdk8s.io/grants)` });
  }
  return out;
}
