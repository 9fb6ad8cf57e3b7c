/** Public API of the validation module (pure; shared by the data build and the imports). */
export type { IssueLevel, ValidationIssue } from './types';
export { METROPOLE_BOX, DOM_BOXES, boxesFor, inBox, type BoundsOption, type LonLatBox } from './bounds';
export {
  validateFeatureCollection,
  parseJsonText,
  hasErrors,
  featureLabelOf,
  translateGjvMessage,
  ISSUE_CODES,
  type IssueCode,
  type LayerRules,
  type GeometryTypeName,
} from './validateFeatureCollection';
