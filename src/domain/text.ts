/**
 * Text normalisation for search: one operation, pure.
 *
 * `normalizeText` lowercases, strips accents (é → e, ç → c), expands the French
 * ligatures (œ → oe, æ → ae), unifies typographic apostrophes and collapses runs of
 * white space into one space (trimmed). Use it to compare names regardless of case
 * and accents.
 *
 * `searchTokens` goes one step further for free-text search: punctuation (hyphens,
 * apostrophes, slashes, underscores…) separates words too, so « villers cotterets »
 * finds « Villers-Cotterêts » and « 02722 1633 » finds « 02722_1633 ».
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc\u2032`´]/g;
const SPACES = /\s+/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function normalizeText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .trim();
}

/** Normalised text with every non letter/digit character turned into a single space. */
export function normalizeForSearch(s: string | null | undefined): string {
  return normalizeText(s).replace(NON_WORD, ' ').trim();
}

/** The words of a search query, normalised (see normalizeForSearch); [] for a blank query. */
export function searchTokens(s: string | null | undefined): string[] {
  const n = normalizeForSearch(s);
  return n ? n.split(' ') : [];
}
