/**
 * When is a draft published? A draft is cleared from the browser only once the public data
 * loaded by the atlas (public/data, built from the published packages) holds an IDENTICAL
 * version of it. « Identical » compares what a curator means, not what the build computes:
 *
 * Compared (strictly; null ≡ absent; sectors as a set; coordinates within 1e-7°, the 7-decimal
 * rounding of exports, about 1 cm):
 * - the geometry;
 * - the fields typed in the form: name, kind, declared surface, availability, occupation,
 *   sectors, the « clé en main » checklist (status, date, source, note of each item), price,
 *   contact, notes, friche status and type, source and its link, fictitious;
 * - any other field the draft has a value for (fields added by other parts of the atlas…): the
 *   published version must have the same value; for the official CNIG values (`cnig`), each
 *   value the draft has must be the published one (the package adds the fields left
 *   « inconnu », the dates and the ids);
 * - the zone: only when the draft names one (the build may attach a site to a zone from its
 *   outline).
 *
 * Ignored (computed, or added by the build):
 * - metadata: `updated_at`, `created_at`;
 * - values computed from the geometry: computed surface, commune, INSEE code, EPCI, every
 *   distance (`dist_…_m` and its error), the nearest network names (`waterway_name`,
 *   `station_name`, `ite_…`), `rail_km_to_cdg`;
 * - `zone_name` (follows `zone_id`);
 * - fields only the published version has (producer, contact of the package…);
 * - the contact, when the draft has none and the published one is the package's contact (the
 *   build gives it to a plot without contact).
 *
 * A deletion is published once the public data no longer has the site. A zone draft is published
 * once the public register has its outline and every CNIG value typed for it (same text; a
 * number equal to the published number).
 *
 * Pure.
 */
import { FIELD_ORDER, geometryEqual, jsonEqual } from './diff';
import { READINESS_ITEM_IDS, type PublicationInfo, type Site } from './types';
import type { ZoneOutline } from './zoneDrafts';

/** Coordinates closer than this (degrees) are the same point (export rounding). */
export const PUBLISHED_COORD_TOLERANCE = 1e-7;

/** Computed or metadata: never compared. */
export const IGNORED_FIELDS: readonly string[] = [
  'id',
  'updated_at',
  'created_at',
  'computed_surface_m2',
  'insee',
  'commune',
  'epci_siren',
  'epci_name',
  'zone_name',
  'waterway_name',
  'station_name',
  'rail_km_to_cdg',
];

function isIgnored(field: string): boolean {
  return IGNORED_FIELDS.includes(field) || /^dist_[a-z0-9_]+(_m)?$/.test(field) || /^ite_/.test(field);
}

/**
 * Fields typed by a curator (the site model's fields, less the computed ones and the zone):
 * compared even when the draft leaves them empty.
 */
export const CURATED_FIELDS: readonly string[] = FIELD_ORDER.filter((f) => !isIgnored(f) && f !== 'zone_id');

function empty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function sameValue(field: string, a: unknown, b: unknown): boolean {
  if (field === 'sectors') {
    const set = (v: unknown) => (Array.isArray(v) ? [...new Set(v.map(String))].sort() : []);
    return jsonEqual(set(a), set(b));
  }
  if (field === 'readiness') {
    const ra = (a ?? {}) as Record<string, Record<string, unknown>>;
    const rb = (b ?? {}) as Record<string, Record<string, unknown>>;
    const items = new Set([...READINESS_ITEM_IDS, ...Object.keys(ra), ...Object.keys(rb)]);
    for (const item of items) {
      const x = ra[item] ?? {};
      const y = rb[item] ?? {};
      if ((x.status ?? 'inconnu') !== (y.status ?? 'inconnu')) return false;
      for (const k of ['date', 'source', 'note']) if (!jsonEqual(x[k] ?? null, y[k] ?? null)) return false;
    }
    return true;
  }
  if (field === 'fictitious') return Boolean(a) === Boolean(b);
  if (field === 'cnig') return typedValuesPublished(a as TypedValues, b as TypedValues);
  return jsonEqual(empty(a) ? null : a, empty(b) ? null : b);
}

/** The contact line the data build gives a published plot that has none: the package's contact. */
export function publicationContactText(p: PublicationInfo): string {
  return [p.contact.name, p.contact.email, p.contact.phone, p.contact.url].filter(Boolean).join(' — ');
}

/** A value the draft left empty that the build filled from the package (the contact). */
function filledByBuild(field: string, draftValue: unknown, published: Site): boolean {
  const pub = published.properties.publication;
  return field === 'contact' && empty(draftValue) && !!pub && published.properties.contact === publicationContactText(pub);
}

/** The fields on which a draft and a published version differ (empty: the draft is published). */
export function publishedDifferences(draft: Site, published: Site): string[] {
  const out: string[] = [];
  if (!geometryEqual(draft.geometry, published.geometry, PUBLISHED_COORD_TOLERANCE)) out.push('geometry');
  const d = draft.properties as unknown as Record<string, unknown>;
  const p = published.properties as unknown as Record<string, unknown>;
  for (const f of CURATED_FIELDS) if (!sameValue(f, d[f], p[f]) && !filledByBuild(f, d[f], published)) out.push(f);
  if (!empty(d.zone_id) && d.zone_id !== p.zone_id) out.push('zone_id');
  for (const [f, v] of Object.entries(d)) {
    if (CURATED_FIELDS.includes(f) || f === 'zone_id' || isIgnored(f) || empty(v)) continue;
    if (!sameValue(f, v, p[f])) out.push(f);
  }
  return out;
}

export function isPublishedVersion(draft: Site, published: Site): boolean {
  return publishedDifferences(draft, published).length === 0;
}

/** A zone outline draft is published when the public register has the same outline (or none, for a removal). */
export function isPublishedOutline(draft: ZoneOutline | null, published: ZoneOutline | null | undefined): boolean {
  if (!draft || !published) return !draft && !published;
  return geometryEqual(draft, published, PUBLISHED_COORD_TOLERANCE);
}

type TypedValues = Record<string, string | number | null> | null | undefined;

/** Every official value the draft has is the published one (numbers compared as numbers). */
function typedValuesPublished(draft: TypedValues, published: TypedValues): boolean {
  const p = published ?? {};
  return Object.entries(draft ?? {}).every(([k, v]) => {
    if (empty(v)) return true;
    const q = p[k];
    if (typeof v === 'number' || typeof q === 'number') return q !== null && q !== undefined && q !== '' && Number(q) === Number(v);
    return q === v;
  });
}

/** Every CNIG value typed for a zone is the published zone's value (numbers compared as numbers). */
export function isPublishedZoneCnig(draft: TypedValues, published: TypedValues): boolean {
  return typedValuesPublished(draft, published);
}
