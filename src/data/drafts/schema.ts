/**
 * The draft schema: every record read from IndexedDB, from a backup file or from an import is
 * checked here before it enters the drafts store. A bad record is never dropped: the caller
 * keeps it aside (quarantine) with the problems listed here, in French, naming the field.
 *
 * Lenient where it is safe, strict where the app would break:
 * - unknown extra properties are ACCEPTED as they are (other parts of the atlas add fields:
 *   `dist_ite_m`, `ite_name`, CNIG `terr_*`…); only the known fields are type-checked;
 * - a known field that is absent (a record written by an older version) gets its "nothing
 *   known" value; a known field of the wrong type (a name that is an object, sectors that are
 *   a string…) is a problem: the app cannot guess what was meant;
 * - required: the site id and name (texts), a Point / Polygon / MultiPolygon geometry with
 *   finite WGS 84 coordinates.
 *
 * Pure: no IndexedDB, no React.
 */
import { blankSiteProperties } from '../../domain/site';
import type { Site, SiteGeometry } from '../../domain/types';
import type { ZoneOutline } from '../../domain/zoneDrafts';

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** French name of a value's type, for messages (« reçu : objet »). */
export function typeNameFr(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'absent';
  if (Array.isArray(v)) return 'liste';
  if (typeof v === 'string') return 'texte';
  if (typeof v === 'number') return Number.isFinite(v) ? 'nombre' : 'nombre non fini';
  if (typeof v === 'boolean') return 'oui/non';
  if (typeof v === 'object') return 'objet';
  return typeof v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TEXT_OR_NULL = [
  'zone_id',
  'zone_name',
  'insee',
  'commune',
  'epci_siren',
  'epci_name',
  'contact',
  'notes',
  'friche_status',
  'friche_type',
  'source_url',
  'updated_at',
  'created_at',
  'waterway_name',
  'station_name',
];
/** Texts with a default when absent or null (a vocabulary value or a label). */
const TEXT_WITH_DEFAULT = ['kind', 'availability', 'occupation', 'source'];
const NUMBER_OR_NULL = [
  'declared_surface_m2',
  'computed_surface_m2',
  'price_eur_m2',
  'dist_rn2_m',
  'dist_rn2_error_m',
  'dist_waterway_m',
  'dist_station_m',
  'rail_km_to_cdg',
];
/** Any distance in metres (`dist_…_m`), including those other parts of the atlas add. */
const DISTANCE_FIELD = /^dist_[a-z0-9_]+_m$/;
const READINESS_TEXT = ['date', 'source', 'note'];

function checkPosition(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    p.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
    Math.abs(p[0] as number) <= 180 &&
    Math.abs(p[1] as number) <= 90
  );
}

function checkRings(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'un polygone sans contour';
  for (const ring of rings) {
    if (!Array.isArray(ring)) return 'un contour qui n’est pas une liste de points';
    if (ring.length < 4) return 'un contour de moins de trois sommets';
    if (!ring.every(checkPosition)) return 'des coordonnées qui ne sont pas des nombres WGS 84';
  }
  return null;
}

/** Problem with a geometry (French), or null when it is a usable site geometry. */
export function geometryProblem(g: unknown, allowed: readonly string[] = ['Point', 'Polygon', 'MultiPolygon']): string | null {
  if (!isObject(g)) return `la géométrie manque ou n’est pas un objet (reçu : ${typeNameFr(g)})`;
  if (typeof g.type !== 'string' || !allowed.includes(g.type)) {
    return `la géométrie doit être de type ${allowed.join(' / ')} (reçu : ${typeof g.type === 'string' ? `« ${g.type} »` : typeNameFr(g.type)})`;
  }
  const c = g.coordinates;
  let problem: string | null = null;
  if (g.type === 'Point') problem = checkPosition(c) ? null : 'des coordonnées qui ne sont pas des nombres WGS 84';
  else if (g.type === 'Polygon') problem = checkRings(c);
  else if (!Array.isArray(c) || c.length === 0) problem = 'un multipolygone vide';
  else for (const poly of c) if ((problem = checkRings(poly))) break;
  return problem ? `la géométrie n’est pas valide : ${problem}` : null;
}

/**
 * Checks a site (a GeoJSON Feature of the atlas). The value returned is the site with every
 * absent known field at its "nothing known" value; unknown fields are kept as they are.
 */
export function checkSite(v: unknown, label = 'le site'): Checked<Site> {
  if (!isObject(v)) return { ok: false, problems: [`${label} manque ou n’est pas un objet (reçu : ${typeNameFr(v)})`] };
  const problems: string[] = [];
  if (v.type !== undefined && v.type !== 'Feature') problems.push(`${label} n’est pas une entité GeoJSON (type « ${String(v.type)} »)`);
  const g = geometryProblem(v.geometry);
  if (g) problems.push(g);
  const p = v.properties;
  if (!isObject(p)) {
    problems.push(`« properties » doit être un objet (reçu : ${typeNameFr(p)})`);
    return { ok: false, problems };
  }
  if (typeof p.id !== 'string' || !p.id.trim()) problems.push(`« id » doit être un texte non vide (reçu : ${typeNameFr(p.id)})`);
  if (typeof p.name !== 'string') problems.push(`« name » (le nom) doit être un texte (reçu : ${typeNameFr(p.name)})`);
  for (const k of TEXT_OR_NULL) {
    if (p[k] !== undefined && p[k] !== null && typeof p[k] !== 'string') problems.push(`« ${k} » doit être un texte (reçu : ${typeNameFr(p[k])})`);
  }
  for (const k of TEXT_WITH_DEFAULT) {
    if (p[k] !== undefined && p[k] !== null && typeof p[k] !== 'string') problems.push(`« ${k} » doit être un texte (reçu : ${typeNameFr(p[k])})`);
  }
  for (const k of Object.keys(p)) {
    if (!NUMBER_OR_NULL.includes(k) && !DISTANCE_FIELD.test(k)) continue;
    const x = p[k];
    if (x !== undefined && x !== null && (typeof x !== 'number' || !Number.isFinite(x))) problems.push(`« ${k} » doit être un nombre (reçu : ${typeNameFr(x)})`);
  }
  if (p.fictitious !== undefined && p.fictitious !== null && typeof p.fictitious !== 'boolean') {
    problems.push(`« fictitious » doit valoir oui ou non (reçu : ${typeNameFr(p.fictitious)})`);
  }
  if (p.sectors !== undefined && p.sectors !== null && (!Array.isArray(p.sectors) || !p.sectors.every((s) => typeof s === 'string'))) {
    problems.push(`« sectors » (les filières) doit être une liste de textes (reçu : ${typeNameFr(p.sectors)})`);
  }
  if (p.readiness !== undefined && p.readiness !== null) {
    if (!isObject(p.readiness)) problems.push(`« readiness » (la grille clé en main) doit être un objet (reçu : ${typeNameFr(p.readiness)})`);
    else {
      for (const [item, value] of Object.entries(p.readiness)) {
        if (!isObject(value)) {
          problems.push(`« readiness.${item} » doit être un objet (reçu : ${typeNameFr(value)})`);
          continue;
        }
        if (value.status !== undefined && value.status !== null && typeof value.status !== 'string') {
          problems.push(`« readiness.${item}.status » doit être un texte (reçu : ${typeNameFr(value.status)})`);
        }
        for (const k of READINESS_TEXT) {
          if (value[k] !== undefined && value[k] !== null && typeof value[k] !== 'string') {
            problems.push(`« readiness.${item}.${k} » doit être un texte (reçu : ${typeNameFr(value[k])})`);
          }
        }
      }
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: normalizeSite(v as unknown as Site) };
}

/** The site with the absent (or null) known fields at their "nothing known" value. */
function normalizeSite(site: Site): Site {
  const p = site.properties as unknown as Record<string, unknown>;
  const blank = blankSiteProperties({ id: p.id as string, name: p.name as string }) as unknown as Record<string, unknown>;
  const props: Record<string, unknown> = { ...p };
  let changed = false;
  for (const [k, def] of Object.entries(blank)) {
    const missing = props[k] === undefined || (props[k] === null && (TEXT_WITH_DEFAULT.includes(k) || k === 'sectors' || k === 'readiness' || k === 'fictitious'));
    if (missing) {
      props[k] = def;
      changed = true;
    }
  }
  // Checklist items absent from an older record: « inconnu ».
  const readiness = { ...(blank.readiness as Record<string, unknown>), ...(props.readiness as Record<string, unknown>) };
  for (const [item, value] of Object.entries(readiness)) {
    const v = value as Record<string, unknown>;
    if (v.status === undefined || v.status === null || v.date === undefined || v.source === undefined || v.note === undefined) {
      readiness[item] = { ...v, status: v.status ?? 'inconnu', date: v.date ?? null, source: v.source ?? null, note: v.note ?? null };
      changed = true;
    }
  }
  if (Object.keys(readiness).length !== Object.keys(props.readiness as object).length) changed = true;
  props.readiness = readiness;
  if (!changed && site.type === 'Feature') return site;
  return { ...site, type: 'Feature', properties: props as unknown as Site['properties'] };
}

// ---------------------------------------------------------------------------------------------
// Stored records

export const DRAFT_STATUSES = ['new', 'modified', 'deleted'] as const;

/** Checks the members a draft record shares with the zone records: status, timestamps, revision. */
function checkRecordMeta(v: Record<string, unknown>, problems: string[]): void {
  if (!DRAFT_STATUSES.includes(v.status as (typeof DRAFT_STATUSES)[number])) {
    problems.push(`le statut du brouillon doit être « new », « modified » ou « deleted » (reçu : ${typeof v.status === 'string' ? `« ${v.status} »` : typeNameFr(v.status)})`);
  }
  if (v.updated_at !== undefined && typeof v.updated_at !== 'string') problems.push(`« updated_at » doit être un texte (reçu : ${typeNameFr(v.updated_at)})`);
  if (v.rev !== undefined && (typeof v.rev !== 'number' || !Number.isInteger(v.rev) || v.rev < 0)) {
    problems.push(`la révision doit être un entier positif (reçu : ${typeNameFr(v.rev)})`);
  }
  if (v.conflicts !== undefined && (!Array.isArray(v.conflicts) || !v.conflicts.every((c) => isObject(c) && typeof c.field === 'string'))) {
    problems.push('la liste des valeurs en conflit est illisible');
  }
  if (v.exported !== undefined && v.exported !== null && (!isObject(v.exported) || typeof v.exported.at !== 'string')) {
    problems.push('la mention d’export est illisible');
  }
}

/**
 * Checks a stored draft record (see ./index.ts DraftRecord). Unknown members are kept.
 * `T` is the record type of the caller (kept generic: this module does not own it).
 */
export function checkDraftRecord<T>(v: unknown): Checked<T> {
  if (!isObject(v)) return { ok: false, problems: [`le brouillon n’est pas un objet (reçu : ${typeNameFr(v)})`] };
  const problems: string[] = [];
  if (typeof v.id !== 'string' || !v.id.trim()) problems.push(`l’identifiant du brouillon doit être un texte non vide (reçu : ${typeNameFr(v.id)})`);
  checkRecordMeta(v, problems);
  const site = checkSite(v.site);
  if (!site.ok) problems.push(...site.problems);
  else if (typeof v.id === 'string' && site.value.properties.id !== v.id) {
    problems.push(`l’identifiant du brouillon (« ${v.id} ») diffère de celui du site (« ${site.value.properties.id} »)`);
  }
  let base: Site | null = null;
  if (v.base !== undefined && v.base !== null) {
    const b = checkSite(v.base, 'la version publiée de référence');
    if (!b.ok) problems.push(...b.problems.map((x) => `version publiée de référence : ${x}`));
    else base = b.value;
  }
  if (problems.length || !site.ok) return { ok: false, problems };
  return { ok: true, value: { ...v, site: site.value, base, updated_at: typeof v.updated_at === 'string' ? v.updated_at : '' } as unknown as T };
}

/** Checks a stored zone outline draft (see ./zones.ts ZoneDraftRecord). */
export function checkZoneDraftRecord<T>(v: unknown): Checked<T> {
  if (!isObject(v)) return { ok: false, problems: [`le périmètre n’est pas un objet (reçu : ${typeNameFr(v)})`] };
  const problems: string[] = [];
  if (typeof v.zone_id !== 'string' || !v.zone_id.trim()) problems.push(`l’identifiant de zone doit être un texte non vide (reçu : ${typeNameFr(v.zone_id)})`);
  checkRecordMeta(v, problems);
  const outline = ['Polygon', 'MultiPolygon'];
  if (v.geometry !== null) {
    const g = geometryProblem(v.geometry, outline);
    if (g) problems.push(g);
  }
  if (v.base !== undefined && v.base !== null) {
    const g = geometryProblem(v.base, outline);
    if (g) problems.push(`périmètre publié de référence : ${g}`);
  }
  if (v.zone_name !== undefined && typeof v.zone_name !== 'string') problems.push(`« zone_name » doit être un texte (reçu : ${typeNameFr(v.zone_name)})`);
  if (v.cnig !== undefined && v.cnig !== null) {
    if (!isObject(v.cnig)) problems.push(`les valeurs CNIG de la zone doivent être un objet (reçu : ${typeNameFr(v.cnig)})`);
    else
      for (const [k, x] of Object.entries(v.cnig)) {
        if (x !== null && typeof x !== 'string' && !(typeof x === 'number' && Number.isFinite(x))) problems.push(`la valeur CNIG « ${k} » doit être un texte ou un nombre (reçu : ${typeNameFr(x)})`);
      }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...v,
      zone_name: typeof v.zone_name === 'string' ? v.zone_name : (v.zone_id as string),
      geometry: (v.geometry ?? null) as ZoneOutline | null,
      base: (v.base ?? null) as ZoneOutline | null,
      updated_at: typeof v.updated_at === 'string' ? v.updated_at : '',
    } as unknown as T,
  };
}

/** Checks a history entry (site or zone): who, when, what; `idKey` is `site_id` or `zone_id`. */
export function checkHistoryEntry<T>(v: unknown, idKey: 'site_id' | 'zone_id'): Checked<T> {
  if (!isObject(v)) return { ok: false, problems: [`l’entrée d’historique n’est pas un objet (reçu : ${typeNameFr(v)})`] };
  const problems: string[] = [];
  if (typeof v[idKey] !== 'string') problems.push(`« ${idKey} » doit être un texte (reçu : ${typeNameFr(v[idKey])})`);
  if (typeof v.at !== 'string') problems.push(`« at » (la date) doit être un texte (reçu : ${typeNameFr(v.at)})`);
  else if (Number.isNaN(Date.parse(v.at))) problems.push(`« at » (la date) n’est pas une date lisible (reçu : « ${v.at.length > 40 ? `${v.at.slice(0, 39)}…` : v.at} »)`);
  if (typeof v.action !== 'string') problems.push(`« action » doit être un texte (reçu : ${typeNameFr(v.action)})`);
  if (v.author !== undefined && v.author !== null && typeof v.author !== 'string') problems.push(`« author » doit être un texte (reçu : ${typeNameFr(v.author)})`);
  if (!Array.isArray(v.changes) || !v.changes.every((c) => isObject(c) && typeof c.field === 'string')) problems.push('la liste des changements est illisible');
  if (v.snapshot !== undefined && v.snapshot !== null) {
    const s = checkSite(v.snapshot, 'la version enregistrée');
    if (!s.ok) problems.push(...s.problems.map((p) => `version enregistrée (« snapshot ») : ${p}`));
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: v as T };
}

/** Type guard for code that only needs to know a geometry is usable. */
export function isSiteGeometry(g: unknown): g is SiteGeometry {
  return geometryProblem(g) === null;
}
