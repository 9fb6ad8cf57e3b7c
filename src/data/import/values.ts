/**
 * Lenient readers for imported values (numbers with French decimals, booleans, dates,
 * availability, occupation, checklist statuses, sectors). Pure; French problem texts.
 */
import { normalizeText } from '../../domain/text';
import { SECTORS } from '../../domain/sectors';
import { SECTOR_IDS, type Availability, type ItemStatus, type Occupation, type SectorId, type SiteKind } from '../../domain/types';

const KEY_CACHE = new Map<string, string>();

/** Normalises a column/property name: lowercase, no accents, non-alphanumerics → '_'. Memoised (names repeat on every row). */
export function normalizeKey(k: string): string {
  let n = KEY_CACHE.get(k);
  if (n === undefined) {
    n = normalizeText(k)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (KEY_CACHE.size > 10_000) KEY_CACHE.clear();
    KEY_CACHE.set(k, n);
  }
  return n;
}

/** Normalises a value for matching against a vocabulary. */
export function normalizeValue(v: string): string {
  return normalizeText(v)
    .replace(/\s+et\s+/g, ' & ')
    .replace(/[_]+/g, ' ')
    .replace(/\s*([&/,])\s*/g, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Text of a value, verbatim (strings are not trimmed, so hostile markup survives as-is); null when blank. */
export function readText(v: unknown): string | null {
  if (isBlank(v)) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Reads a number: 12500, "12500", "12 500,5", "12.500,5", "1,5e3". Returns undefined
 * when it is not a number (caller reports it), null when blank.
 */
export function readNumber(v: unknown): number | null | undefined {
  if (isBlank(v)) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  let s = v.trim().replace(/[\s\u00a0\u202f']/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // both: the last one is the decimal separator
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = (s.match(/,/g) ?? []).length > 1 ? s.replace(/,/g, '') : s.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export function readBoolean(v: unknown): boolean | null | undefined {
  if (isBlank(v)) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v !== 'string') return undefined;
  const s = normalizeText(v);
  if (['true', 'vrai', 'oui', 'yes', '1', 'x', 'o', 'y'].includes(s)) return true;
  if (['false', 'faux', 'non', 'no', '0', 'n'].includes(s)) return false;
  return undefined;
}

/** ISO date (YYYY-MM-DD, or a full ISO timestamp kept as is); DD/MM/YYYY is converted. */
export function readDate(v: unknown): string | null | undefined {
  if (isBlank(v)) return null;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return s;
  if (/^\d{4}(-\d{2})?$/.test(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return undefined;
}

function lookup<T extends string>(table: Record<string, T>, v: unknown): T | null | undefined {
  if (isBlank(v)) return null;
  if (typeof v !== 'string') return undefined;
  const n = normalizeValue(v);
  return table[n] ?? table[n.replace(/ /g, '_')] ?? undefined;
}

const AVAILABILITY: Record<string, Availability> = {
  disponible: 'disponible',
  libre: 'disponible',
  'en vente': 'disponible',
  'a vendre': 'disponible',
  'a la vente': 'disponible',
  commercialisable: 'disponible',
  'en cours de commercialisation': 'disponible',
  available: 'disponible',
  sous_option: 'sous_option',
  'sous option': 'sous_option',
  option: 'sous_option',
  reserve: 'sous_option',
  'en negociation': 'sous_option',
  compromis: 'sous_option',
  vendu_occupe: 'vendu_occupe',
  'vendu/ occupe': 'vendu_occupe',
  'vendu, occupe': 'vendu_occupe',
  'vendu ou occupe': 'vendu_occupe',
  vendu: 'vendu_occupe',
  occupe: 'vendu_occupe',
  cede: 'vendu_occupe',
  'vendu, commercialisation achevee': 'vendu_occupe',
  // The official list of terr_stade_comm (CNIG « Sites économiques », see src/domain/cnig/mapping.ts).
  'en vente avec contraintes': 'disponible',
  'reserve par option de reservation': 'sous_option',
  "reserve par une deliberation de l'epci": 'sous_option',
  'non commercialise': 'inconnu',
  'non commercialisable': 'inconnu',
  autre: 'inconnu',
  'sans objet': 'inconnu',
  'commercialisation achevee': 'vendu_occupe',
  indisponible: 'vendu_occupe',
  inconnu: 'inconnu',
  inconnue: 'inconnu',
  nc: 'inconnu',
  'non connu': 'inconnu',
  'non renseigne': 'inconnu',
};
export const readAvailability = (v: unknown) => lookup(AVAILABILITY, v);

const OCCUPATION: Record<string, Occupation> = {
  occupe: 'occupe',
  inoccupe: 'inoccupe',
  vacant: 'inoccupe',
  libre: 'inoccupe',
  en_transition: 'en_transition',
  'en transition': 'en_transition',
  'occupation transitoire': 'en_transition',
  autre: 'inconnu',
  'sans objet': 'inconnu',
  friche: 'friche',
  inconnu: 'inconnu',
  nc: 'inconnu',
};
export const readOccupation = (v: unknown) => lookup(OCCUPATION, v);

const STATUS: Record<string, ItemStatus> = {
  fait: 'fait',
  faite: 'fait',
  realise: 'fait',
  realisee: 'fait',
  acquis: 'fait',
  obtenu: 'fait',
  ok: 'fait',
  oui: 'fait',
  done: 'fait',
  en_cours: 'en_cours',
  'en cours': 'en_cours',
  a_faire: 'a_faire',
  'a faire': 'a_faire',
  non: 'a_faire',
  todo: 'a_faire',
  a_verifier: 'a_verifier',
  'a verifier': 'a_verifier',
  sans_objet: 'sans_objet',
  'sans objet': 'sans_objet',
  so: 'sans_objet',
  'n/ a': 'sans_objet',
  'non applicable': 'sans_objet',
  inconnu: 'inconnu',
  nc: 'inconnu',
  'non renseigne': 'inconnu',
};
export const readItemStatus = (v: unknown) => lookup(STATUS, v);

const KIND: Record<string, SiteKind> = {
  plot: 'plot',
  parcelle: 'plot',
  terrain: 'plot',
  lot: 'plot',
  'terrain economique': 'plot',
  friche: 'friche',
  brownfield: 'friche',
  'friche industrielle': 'friche',
};
export const readKind = (v: unknown) => lookup(KIND, v);

/** French labels (normalised) and short forms of the sectors. */
const SECTOR_LABELS: Record<SectorId, string[]> = {
  agro: ['agroalimentaire & proteines vegetales', 'agroalimentaire', 'agro-alimentaire', 'proteines vegetales', 'agro'],
  bioeconomy: ['bio-economie & materiaux biosources', 'bio-economie', 'bioeconomie', 'materiaux biosources'],
  ecoconstruction: ['eco-construction', 'ecoconstruction'],
  energy: ['fluides & energie', 'energie', 'fluides'],
  logistics: ['logistique & fret fluvial', 'logistique', 'fret fluvial'],
  glass_packaging: ['verre, emballage, papier-carton', 'verre', 'emballage', 'papier-carton'],
  automotive: ['automobile & mecanique', 'automobile', 'mecanique'],
  metalwork: ['chaudronnerie, soudure, usinage', 'chaudronnerie', 'soudure', 'usinage'],
  chemistry: ['chimie'],
  electronics: ['electronique'],
  circular: ['economie circulaire & dechets', 'economie circulaire', 'dechets'],
  crafts_sme: ['artisanat & pme', 'artisanat', 'pme'],
  tertiary: ['tertiaire'],
};
const SECTOR_TABLE: Record<string, SectorId> = {};
for (const id of SECTOR_IDS) {
  SECTOR_TABLE[id] = id;
  SECTOR_TABLE[id.replace(/_/g, ' ')] = id;
  for (const l of SECTOR_LABELS[id]) SECTOR_TABLE[normalizeValue(l)] = id;
}
// The official labels shown in the atlas (French and English) are accepted too.
for (const s of SECTORS) {
  SECTOR_TABLE[normalizeValue(s.fr)] = s.id;
  SECTOR_TABLE[normalizeValue(s.en)] = s.id;
}

/**
 * Sectors from ids or French labels, separated by `|`, `;` or `,` (or a JSON array).
 * A comma inside an official label (« Verre, emballage, papier-carton ») is not a separator:
 * a piece is split on commas only when it is not a known label as a whole.
 */
export function readSectors(v: unknown): { sectors: SectorId[]; unknown: string[] } {
  if (isBlank(v)) return { sectors: [], unknown: [] };
  const pieces = Array.isArray(v) ? v.map((x) => String(x)) : typeof v === 'string' ? v.split(/[|;]/) : [String(v)];
  const tokens: string[] = [];
  for (const p of pieces) {
    if (p.includes(',') && !SECTOR_TABLE[normalizeValue(p)]) tokens.push(...p.split(','));
    else tokens.push(p);
  }
  const sectors: SectorId[] = [];
  const unknown: string[] = [];
  for (const t of tokens) {
    if (t.trim() === '') continue;
    const id = SECTOR_TABLE[normalizeValue(t)];
    if (id) {
      if (!sectors.includes(id)) sectors.push(id);
    } else unknown.push(t.trim());
  }
  return { sectors, unknown };
}

/** An INSEE code; numbers that lost their leading zero in a spreadsheet are padded back. */
export function readInsee(v: unknown): string | null {
  if (isBlank(v)) return null;
  const s = typeof v === 'number' ? String(v) : String(v).trim();
  return /^\d{4}$/.test(s) ? `0${s}` : s;
}
