/**
 * A problem found in input data (data build or user import). The message is French,
 * names the feature and the problem, and is always rendered as text, never as HTML.
 */
export type IssueLevel = 'error' | 'warning';

export interface ValidationIssue {
  level: IssueLevel;
  /** Stable code, e.g. 'invalid-geojson', 'outside-territory', 'missing-field', 'self-intersection'. */
  code: string;
  /** Index of the feature in its collection, or null for file-level problems. */
  featureIndex: number | null;
  /** The feature's id or name when it has one. */
  featureLabel: string | null;
  /** French, self-contained: « Entité n° 3 (« Zone X ») : le champ « name » est manquant. » */
  message: string;
}
