/**
 * Field-by-field differences between two versions of a site, for the change history
 * (drafts) and for re-imports (never overwrite silently: show what differs and ask).
 *
 * A change names a field path:
 * - a property: `name`, `declared_surface_m2`, `sectors` (compared as a set), …
 * - a checklist value: `readiness.<item>.<status|date|source|note>`
 * - `geometry` (old and new geometries; shown as « géométrie modifiée »).
 * `updated_at` and `created_at` are metadata, never reported.
 *
 * Pure; values are plain JSON.
 */
import { length as turfLength } from '@turf/length';
import { DISTANCE_KEYS } from './site';
import { READINESS_ITEM_IDS, type Site, type SiteGeometry, type SiteProperties } from './types';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Metadata: changes to these are not changes of the site. */
export const METADATA_FIELDS: readonly string[] = ['updated_at', 'created_at'];

const READINESS_KEYS = ['status', 'date', 'source', 'note'] as const;

/** Display order of the properties (SiteProperties order); unknown keys come after, sorted. */
export const FIELD_ORDER: readonly string[] = [
  'id',
  'name',
  'kind',
  'zone_id',
  'zone_name',
  'insee',
  'commune',
  'epci_siren',
  'epci_name',
  'declared_surface_m2',
  'computed_surface_m2',
  'availability',
  'occupation',
  'sectors',
  'readiness',
  'price_eur_m2',
  'contact',
  'notes',
  'friche_status',
  'friche_type',
  'source_url',
  'source',
  'fictitious',
  ...DISTANCE_KEYS,
];

export interface DiffOptions {
  /**
   * Coordinates closer than this (degrees) are equal. Default 0 (exact): every edit of the
   * outline is recorded in the history.
   */
  coordTolerance?: number;
  /**
   * Tolerance on `computed_surface_m2`, which follows the geometry: 'exact' (default), or
   * 'from-geometry' = the surface change that moving every vertex by `coordTolerance` can
   * cause (perimeter × displacement, + 0.01 m² of rounding).
   */
  computedSurface?: 'exact' | 'from-geometry';
  /** More fields to ignore (paths as in FieldChange.field). */
  ignore?: readonly string[];
}

function isNullish(v: unknown): boolean {
  return v === null || v === undefined;
}

/** Deep equality of JSON values; null and undefined are equal. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (isNullish(a) && isNullish(b)) return true;
  if (a === b) return true;
  if (typeof a !== typeof b || isNullish(a) || isNullish(b)) return false;
  if (typeof a === 'number') return Number.isNaN(a) && Number.isNaN(b as number);
  if (typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

function coordsClose(a: unknown, b: unknown, tol: number): boolean {
  // The epsilon absorbs binary representation: 3.3013636 − 3.3013635 is 1.0000000005e-7.
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tol + 1e-12;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => coordsClose(x, b[i], tol));
  return false;
}

/** Same geometry type and, within `tol` degrees, the same coordinates. */
export function geometryEqual(a: SiteGeometry | null | undefined, b: SiteGeometry | null | undefined, tol = 0): boolean {
  if (isNullish(a) || isNullish(b)) return isNullish(a) && isNullish(b);
  if (a!.type !== b!.type) return false;
  return tol > 0 ? coordsClose(a!.coordinates, b!.coordinates, tol) : jsonEqual(a!.coordinates, b!.coordinates);
}

function sortedSet(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.map(String))].sort() : [];
}

/** Perimeter of a polygon in metres (0 for a point). */
function perimeterM(g: SiteGeometry): number {
  if (g.type === 'Point') return 0;
  return turfLength({ type: 'Feature', properties: {}, geometry: g }, { units: 'kilometers' }) * 1000;
}

/** Metres per degree (the larger of the two axes), to turn a degree tolerance into metres. */
const M_PER_DEGREE = 111_320;

function orderedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const all = new Set([...Object.keys(a), ...Object.keys(b)]);
  const known = FIELD_ORDER.filter((k) => all.has(k));
  const rest = [...all].filter((k) => !FIELD_ORDER.includes(k)).sort();
  return [...known, ...rest];
}

/**
 * Changes from `a` to `b`. With `a` null (a new site), every field that holds something
 * (not null, not empty, not an `inconnu` checklist value) is listed with old = null,
 * and the geometry.
 */
export function diffSites(a: Site | null, b: Site, opts: DiffOptions = {}): FieldChange[] {
  const tol = opts.coordTolerance ?? 0;
  const ignore = new Set([...METADATA_FIELDS, ...(opts.ignore ?? [])]);
  const pa = (a?.properties ?? {}) as unknown as Record<string, unknown>;
  const pb = b.properties as unknown as Record<string, unknown>;
  const out: FieldChange[] = [];
  const creating = a === null;

  for (const key of orderedKeys(pa, pb)) {
    if (ignore.has(key)) continue;
    const va = pa[key];
    const vb = pb[key];
    if (key === 'readiness') {
      for (const item of READINESS_ITEM_IDS) {
        const ia = ((va as SiteProperties['readiness'] | undefined)?.[item] ?? {}) as unknown as Record<string, unknown>;
        const ib = ((vb as SiteProperties['readiness'] | undefined)?.[item] ?? {}) as unknown as Record<string, unknown>;
        for (const k of READINESS_KEYS) {
          const field = `readiness.${item}.${k}`;
          if (ignore.has(field)) continue;
          let x = ia[k];
          let y = ib[k];
          if (k === 'status') {
            // A missing status is `inconnu` (readiness.ts); compare on that basis.
            x = x ?? 'inconnu';
            y = y ?? 'inconnu';
            if (creating && y === 'inconnu') continue;
          }
          if (creating && isNullish(y)) continue;
          if (!jsonEqual(x, y)) out.push({ field, old: creating ? null : (x ?? null), new: y ?? null });
        }
      }
      continue;
    }
    if (key === 'sectors') {
      const sa = sortedSet(va);
      const sb = sortedSet(vb);
      if (creating && sb.length === 0) continue;
      if (!jsonEqual(sa, sb)) out.push({ field: key, old: creating ? null : (va ?? []), new: vb ?? [] });
      continue;
    }
    if (creating) {
      if (isNullish(vb) || vb === '' || (Array.isArray(vb) && vb.length === 0)) continue;
      out.push({ field: key, old: null, new: vb });
      continue;
    }
    if (key === 'computed_surface_m2' && opts.computedSurface === 'from-geometry' && typeof va === 'number' && typeof vb === 'number') {
      const allowed = perimeterM(b.geometry) * tol * M_PER_DEGREE + 0.01;
      if (Math.abs(va - vb) <= allowed) continue;
    }
    if (!jsonEqual(va, vb)) out.push({ field: key, old: va ?? null, new: vb ?? null });
  }

  if (!ignore.has('geometry') && (creating ? !isNullish(b.geometry) : !geometryEqual(a.geometry, b.geometry, tol))) {
    out.push({ field: 'geometry', old: a?.geometry ?? null, new: b.geometry ?? null });
  }
  return out;
}

/**
 * What "identical" means after an export → re-import round trip (and for re-import
 * conflicts): every coordinate within 1e-7° (the 7-decimal rounding of exports, about
 * 1 cm), `computed_surface_m2` within what such a displacement can change (perimeter ×
 * 1e-7° + 0.01 m²), every other field strictly equal (null ≡ absent, sectors as a set),
 * metadata (`updated_at`, `created_at`) ignored.
 */
export const ROUND_TRIP_TOLERANCE: DiffOptions = { coordTolerance: 1e-7, computedSurface: 'from-geometry' };

export function sitesEquivalent(a: Site, b: Site): boolean {
  return diffSites(a, b, ROUND_TRIP_TOLERANCE).length === 0;
}

export type ReimportStatus = 'new' | 'identical' | 'changed';
export interface ReimportComparison {
  id: string;
  status: ReimportStatus;
  /** From the existing version to the imported one (empty unless 'changed'). */
  changes: FieldChange[];
}

/**
 * For each imported site: new (id unknown), identical (see ROUND_TRIP_TOLERANCE) or changed
 * (with the changes, existing → imported), so the UI can show the differences and ask.
 * Derived values the import cannot know (the distances, absent from the file) are not
 * reported as changes when the imported site does not carry them.
 */
export function compareWithExisting(imported: Site[], existing: ReadonlyMap<string, Site>): ReimportComparison[] {
  return imported.map((site) => {
    const id = site.properties.id;
    const prev = existing.get(id);
    if (!prev) return { id, status: 'new', changes: [] };
    const changes = diffSites(prev, site, ROUND_TRIP_TOLERANCE).filter(
      (c) => !(DISTANCE_FIELDS.includes(c.field) && isNullish(c.new)),
    );
    return { id, status: changes.length === 0 ? 'identical' : 'changed', changes };
  });
}

const DISTANCE_FIELDS: readonly string[] = DISTANCE_KEYS;

// ---------------------------------------------------------------------------------------------
// French descriptions (for history lists and conflict dialogs; the UI may relabel by `field`)

export const FIELD_LABELS_FR: Record<string, string> = {
  id: 'Identifiant',
  name: 'Nom',
  kind: 'Type',
  zone_id: 'Zone (identifiant)',
  zone_name: 'Zone',
  insee: 'Code INSEE',
  commune: 'Commune',
  epci_siren: 'EPCI (SIREN)',
  epci_name: 'EPCI',
  declared_surface_m2: 'Surface déclarée (m²)',
  computed_surface_m2: 'Surface calculée (m²)',
  availability: 'Disponibilité',
  occupation: 'Occupation',
  sectors: 'Filières',
  price_eur_m2: 'Prix (€/m²)',
  contact: 'Contact',
  notes: 'Notes',
  friche_status: 'Statut de friche',
  friche_type: 'Type de friche',
  source_url: 'Lien vers la source',
  source: 'Source',
  fictitious: 'Exemple fictif',
  dist_rn2_m: 'Distance à la RN2 (m)',
  dist_rn2_error_m: 'Incertitude RN2 (m)',
  dist_waterway_m: 'Distance à la voie d’eau (m)',
  waterway_name: 'Voie d’eau',
  dist_station_m: 'Distance à la gare (m)',
  station_name: 'Gare',
  rail_km_to_cdg: 'Distance ferroviaire à Roissy-CDG (km)',
  dist_ite_m: 'Distance à l’embranchement ferroviaire (ITE) (m)',
  ite_name: 'Embranchement ferroviaire (ITE)',
  ite_line: 'Ligne de l’embranchement (ITE)',
  geometry: 'Géométrie',
};

export const READINESS_LABELS_FR: Record<string, string> = {
  land_control: 'maîtrise foncière',
  planning: 'urbanisme (PLU)',
  environment_inventory: 'inventaires faune-flore',
  archaeology: 'archéologie préventive',
  environmental_procedures: 'procédures environnementales',
  utilities: 'réseaux et viabilisation',
  soil_pollution: 'pollution des sols',
};
const READINESS_KEY_FR: Record<string, string> = { status: 'statut', date: 'date', source: 'source', note: 'note' };

export function fieldLabelFr(field: string): string {
  const m = /^readiness\.([a-z_]+)\.([a-z]+)$/.exec(field);
  if (m) return `Clé en main – ${READINESS_LABELS_FR[m[1]] ?? m[1]} (${READINESS_KEY_FR[m[2]] ?? m[2]})`;
  return FIELD_LABELS_FR[field] ?? field;
}

function valueFr(v: unknown): string {
  if (isNullish(v) || v === '') return '(vide)';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (Array.isArray(v)) return v.length ? v.map(String).join(', ') : '(aucune)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `« ${s.length > 60 ? `${s.slice(0, 59)}…` : s} »`;
}

/** « Nom : « A » → « B » », « Géométrie modifiée », « Filières : + logistics ; − agro ». Plain text. */
export function describeChange(c: FieldChange): string {
  if (c.field === 'geometry') return isNullish(c.old) ? 'Géométrie dessinée' : 'Géométrie modifiée';
  if (c.field === 'sectors') {
    const a = sortedSet(c.old);
    const b = sortedSet(c.new);
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    const parts = [...(added.length ? [`+ ${added.join(', ')}`] : []), ...(removed.length ? [`− ${removed.join(', ')}`] : [])];
    return `${fieldLabelFr('sectors')} : ${parts.join(' ; ')}`;
  }
  return `${fieldLabelFr(c.field)} : ${valueFr(c.old)} → ${valueFr(c.new)}`;
}
