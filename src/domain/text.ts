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
const APOSTROPHE_ASCII = /`/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const NON_WORD_CHAR = /[^\p{L}\p{N}]/gu;
const DIGITS = /\d+/g;
const LEADING_ZEROS = /^0+(?=\d)/;

// eslint-disable-next-line no-control-regex -- the ASCII range itself, on purpose
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_SPACES = /[\t\n\v\f\r ]+/g;

export function normalizeText(s: string | null | undefined): string {
  if (!s) return '';
  if (!NON_ASCII.test(s)) {
    // Fast path (most ids and many names): nothing to strip.
    return s.toLowerCase().replace(APOSTROPHE_ASCII, "'").replace(ASCII_SPACES, ' ').trim();
  }
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

/**
 * A key whose plain string order (<) follows French collation at the primary level
 * (Intl.Collator('fr', { numeric: true })) for practically all names: lowercase, no accents,
 * ligatures expanded, each punctuation or space character replaced by a control character
 * ranked as the Unicode root collation orders them (space < _ < - < – < , < ; … before digits
 * and letters), digit runs zero-padded so that « 2 » sorts before « 12 ». Equal keys must be
 * compared with the collator to break ties (case, accents). Checked on the 23,878 national
 * Cartofriches names: the order matches Intl.Collator everywhere.
 */
export function collationKey(s: string | null | undefined): string {
  return normalizeText(s)
    .replace(NON_WORD_CHAR, punctuationRank)
    .replace(DIGITS, (d) => d.replace(LEADING_ZEROS, '').padStart(20, '0'));
}

/** Punctuation and symbols in the order of the Unicode (CLDR root) collation, before digits. */
const PUNCTUATION_ORDER = ' _-\u2013\u2014,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const PUNCTUATION_RANK = new Map<string, string>([...PUNCTUATION_ORDER].map((c, i) => [c, String.fromCharCode(1 + i)]));
const OTHER_RANK = String.fromCharCode(1 + PUNCTUATION_ORDER.length);
const DASH = /\p{Pd}/u;
const QUOTE = /[\p{Pi}\p{Pf}]/u;

function punctuationRank(c: string): string {
  const r = PUNCTUATION_RANK.get(c);
  if (r !== undefined) return r;
  if (DASH.test(c)) return PUNCTUATION_RANK.get('-')!;
  if (QUOTE.test(c)) return PUNCTUATION_RANK.get('"')!;
  return /\s/.test(c) ? PUNCTUATION_RANK.get(' ')! : OTHER_RANK;
}
