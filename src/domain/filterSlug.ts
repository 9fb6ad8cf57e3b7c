/**
 * The filters of a search as a short file-name part, e.g.
 * `friche_cc-retz-en-valois_5000-20000m2_rn2-5km` — so an exported file says which search it
 * holds. ASCII, lower case, `-` inside a part and `_` between parts, at most `max` characters
 * (whole parts are dropped from the end, replaced by `etc`). '' when no filter is set. Pure.
 *
 * Names (EPCI, communes) come from `names`; an unknown code is written as is.
 */
import type { FilterState } from './types';

export interface SlugNames {
  epci?: ReadonlyMap<string, string>;
  communes?: ReadonlyMap<string, string>;
}

/** « CC d'Oulchy-le-Château » → `cc-d-oulchy-le-chateau`. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const num = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

function range(min: number | null, max: number | null, unit: string): string | null {
  if (min === null && max === null) return null;
  if (min !== null && max !== null) return `${num(min)}-${num(max)}${unit}`;
  return min !== null ? `min-${num(min)}${unit}` : `max-${num(max as number)}${unit}`;
}

const KIND_SLUG: Record<string, string> = { plot: 'terrain', friche: 'friche' };
const LEVEL_SLUG: Record<string, string> = { cle_en_main: 'cle-en-main', a_preparer: 'a-preparer', a_rehabiliter: 'a-rehabiliter', inconnu: 'niveau-inconnu' };
const AVAILABILITY_SLUG: Record<string, string> = {
  disponible: 'disponible',
  sous_option: 'sous-option',
  vendu_occupe: 'vendu-occupe',
  inconnu: 'dispo-inconnue',
};

/** The parts, in a fixed order (kinds, levels, availability, sectors, EPCI, communes, text, surface, distances). */
export function filterSlugParts(f: FilterState, names: SlugNames = {}): string[] {
  const parts: string[] = [];
  const list = (xs: readonly string[], map: (x: string) => string) => xs.map(map).filter(Boolean).join('-');
  if (f.kinds.length) parts.push(list(f.kinds, (k) => KIND_SLUG[k] ?? slugify(k)));
  if (f.levels.length) parts.push(list(f.levels, (l) => LEVEL_SLUG[l] ?? slugify(l)));
  if (f.availability.length) parts.push(list(f.availability, (a) => AVAILABILITY_SLUG[a] ?? slugify(a)));
  if (f.sectors.length) parts.push(`filieres-${f.sectorMode === 'all' ? 'toutes-' : ''}${list(f.sectors, (s) => slugify(s))}`);
  if (f.epci.length) parts.push(list(f.epci, (e) => slugify(names.epci?.get(e) ?? e)));
  if (f.communes.length) parts.push(list(f.communes, (c) => slugify(names.communes?.get(c) ?? c)));
  const text = slugify(f.text);
  if (text) parts.push(`texte-${text}`);
  const surface = range(f.surfaceMin, f.surfaceMax, 'm2');
  if (surface) parts.push(surface);
  if (f.maxDistRn2Km !== null) parts.push(`rn2-${num(f.maxDistRn2Km)}km`);
  if (f.maxDistWaterwayKm !== null) parts.push(`voie-eau-${num(f.maxDistWaterwayKm)}km`);
  if (f.maxDistStationKm !== null) parts.push(`gare-${num(f.maxDistStationKm)}km`);
  return parts.filter(Boolean);
}

export function filterSlug(f: FilterState, names: SlugNames = {}, max = 80): string {
  const parts = filterSlugParts(f, names).map((p) => (p.length > max ? p.slice(0, max).replace(/-[^-]*$/, '') : p));
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const next = out ? `${out}_${parts[i]}` : parts[i];
    const rest = i < parts.length - 1;
    if (next.length > max || (rest && next.length > max - 4)) return out ? `${out}_etc` : 'etc';
    out = next;
  }
  return out;
}
