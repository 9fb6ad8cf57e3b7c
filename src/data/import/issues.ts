/** A file-level issue of an import report (no item). */
import type { ValidationIssue } from '../validation/types';

export function fileIssue(level: ValidationIssue['level'], code: string, message: string): ValidationIssue {
  return { level, code, featureIndex: null, featureLabel: null, message };
}

/** A file-level error: the file cannot be read. */
export const fileError = (code: string, message: string): ValidationIssue => fileIssue('error', code, message);
