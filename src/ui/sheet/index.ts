/** The site sheet's public entry for other features (the comparison prints a batch of sheets). */
export { SheetBatch } from './SheetBatch';
