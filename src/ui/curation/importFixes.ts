/**
 * Moved to the data layer (src/data/import/nameFixes.ts): rewriting a file's content is not
 * UI. Kept only so the import parse worker (./parse, moved separately to
 * src/data/import/worker/) still builds; remove once it imports the data module.
 */
export { applyNameFixes, type NameFixes } from '../../data/import/nameFixes';
