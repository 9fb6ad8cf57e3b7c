/**
 * Maps imported properties (any column names: French, English, CNIG, or the atlas's own
 * exports) onto the Site model. Lenient: unknown values become `inconnu` with a problem
 * message; unknown columns are kept verbatim in `extra`. Values are never altered (HTML,
 * scripts… stay as text).
 */
import { area } from '@turf/area';
import { availabilityOf, etatOccupOf, isInList, occupationOf, stadeCommOf } from '../../domain/cnig';
import { emptyReadiness } from '../../domain/readiness';
import { roundGeometry } from '../../domain/roundGeometry';
import { blankSiteProperties } from '../../domain/site';
import {
  READINESS_ITEM_IDS,
  type ReadinessItemId,
  type Site,
  type SiteGeometry,
  type SiteProperties,
} from '../../domain/types';
import {
  isBlank,
  normalizeKey,
  readAvailability,
  readBoolean,
  readDate,
  readInsee,
  readItemStatus,
  readKind,
  readNumber,
  readOccupation,
  readSectors,
  readText,
} from './values';

type Field =
  | 'id'
  | 'name'
  | 'kind'
  | 'zone_id'
  | 'zone_name'
  | 'insee'
  | 'commune'
  | 'epci_siren'
  | 'epci_name'
  | 'declared_surface_m2'
  | 'declared_surface_ha'
  | 'cnig_surface_ha'
  | 'availability'
  | 'occupation'
  | 'sectors'
  | 'price_eur_m2'
  | 'contact'
  | 'notes'
  | 'friche_status'
  | 'friche_type'
  | 'source_url'
  | 'source'
  | 'updated_at'
  | 'created_at'
  | 'fictitious'
  | 'dist_rn2_m'
  | 'dist_rn2_error_m'
  | 'dist_waterway_m'
  | 'waterway_name'
  | 'dist_station_m'
  | 'station_name'
  | 'rail_km_to_cdg'
  | 'dist_ite_m'
  | 'ite_name'
  | 'ite_line'
  | 'ignored';

/** Normalised input name → field. First match wins when several columns map to one field. */
const ALIASES: Record<Field, string[]> = {
  id: ['id', 'identifiant', 'ident', 'id_site', 'code_site', 'terr_id'],
  name: ['name', 'nom', 'nom_site', 'nom_du_site', 'libelle', 'intitule', 'designation', 'titre', 'atlas_nom', 'site_nom'],
  kind: ['kind', 'type_site', 'nature', 'categorie', 'atlas_type'],
  zone_id: ['zone_id', 'id_zone', 'code_zone'],
  zone_name: ['zone_name', 'atlas_zone_nom', 'zone', 'nom_zone', 'zae', 'za', 'zone_activite', 'zone_d_activite', 'parc'],
  insee: ['insee', 'code_insee', 'insee_com', 'code_commune', 'comm_insee', 'depcom', 'atlas_insee'],
  commune: ['commune', 'nom_commune', 'ville', 'comm_nom', 'libelle_commune', 'atlas_commune'],
  epci_siren: ['epci_siren', 'siren_epci', 'code_epci', 'atlas_epci_siren'],
  epci_name: ['epci_name', 'epci', 'nom_epci', 'epci_nom', 'intercommunalite', 'atlas_epci'],
  declared_surface_m2: [
    'declared_surface_m2',
    'surface_m2',
    'surface',
    'superficie',
    'superficie_m2',
    'surf_m2',
    'surface_declaree',
    'surface_declaree_m2',
    'contenance',
    'atlas_surface_declaree_m2',
  ],
  declared_surface_ha: ['declared_surface_ha', 'surface_ha', 'superficie_ha', 'surf_ha', 'surface_declaree_ha'],
  cnig_surface_ha: ['terr_surf_brute'],
  availability: ['availability', 'disponibilite', 'statut_commercial', 'commercialisation', 'atlas_disponibilite', 'terr_stade_comm'],
  occupation: ['occupation', 'etat_occupation', 'atlas_occupation', 'terr_etat_occup'],
  sectors: ['sectors', 'secteurs', 'secteur', 'filieres', 'filiere', 'atlas_filieres'],
  price_eur_m2: ['price_eur_m2', 'prix', 'prix_m2', 'prix_eur_m2', 'prix_au_m2', 'terr_m2_prix'],
  contact: ['contact', 'contacts', 'interlocuteur', 'atlas_contact'],
  notes: ['notes', 'note', 'remarque', 'remarques', 'commentaire', 'commentaires', 'observations', 'description', 'atlas_notes'],
  friche_status: ['friche_status', 'statut_friche', 'atlas_friche_statut'],
  friche_type: ['friche_type', 'type_friche', 'atlas_friche_type'],
  source_url: ['source_url', 'atlas_source_url', 'url', 'lien', 'url_source', 'url_fiche', 'terr_url_cartofriches'],
  source: ['source', 'origine', 'atlas_source', 'source_producteur'],
  updated_at: ['updated_at', 'date_maj', 'maj', 'mise_a_jour', 'date_mise_a_jour', 'terr_actu_date'],
  created_at: ['created_at', 'date_creation', 'terr_identif_date'],
  fictitious: ['fictitious', 'fictif', 'exemple_fictif', 'atlas_fictif'],
  dist_rn2_m: ['dist_rn2_m'],
  dist_rn2_error_m: ['dist_rn2_error_m'],
  dist_waterway_m: ['dist_waterway_m'],
  waterway_name: ['waterway_name'],
  dist_station_m: ['dist_station_m'],
  station_name: ['station_name'],
  rail_km_to_cdg: ['rail_km_to_cdg'],
  dist_ite_m: ['dist_ite_m'],
  ite_name: ['ite_name'],
  ite_line: ['ite_line'],
  // Derived values written by the atlas's own exports: recomputed, never read back.
  ignored: [
    'computed_surface_m2',
    'computed_surface_ha',
    'readiness_level',
    'niveau',
    'atlas_niveau_cle_en_main',
    'terr_cle_en_main',
    'terr_geomsurf',
    'geometry',
    'geometry_wkt',
    'wkt',
    'geom',
    'the_geom',
    'wkt_geom',
  ],
};

const FIELD_OF = new Map<string, Field>();
const PRIORITY = new Map<string, number>();
for (const [field, names] of Object.entries(ALIASES) as [Field, string[]][]) {
  names.forEach((n, i) => {
    FIELD_OF.set(n, field);
    PRIORITY.set(n, i);
  });
}

/**
 * Official TERRAIN-ECO fields the atlas keeps as they are in `cnig` (the form's CNIG fields), so
 * a CNIG file re-imported or re-published loses nothing. « inconnu » (the default) is not kept;
 * terr_stade_comm / terr_etat_occup are kept only when finer than the atlas value they map to.
 */
const CNIG_KEPT = ['terr_refcad', 'terr_utile', 'terr_maitrise_fonc', 'terr_stade_amngt', 'terr_stade_comm', 'terr_etat_occup', 'terr_usage', 'terr_acquereur', 'terr_cession_date', 'terr_vente_montant'];

const READINESS_KEYS = ['status', 'date', 'source', 'note'] as const;
type ReadinessKey = (typeof READINESS_KEYS)[number];
const READINESS_RE = new RegExp(`^(?:readiness|atlas_readiness|cle_en_main)_(${READINESS_ITEM_IDS.join('|')})(?:_(status|statut|date|source|note))?$`);

/**
 * The atlas field a column name maps to (« nom » → name, « surface_ha » → declared_surface_ha,
 * a readiness column → « readiness »), or undefined when the atlas does not know it.
 */
export function knownColumn(key: string): string | undefined {
  const nk = normalizeKey(key);
  if (key === 'readiness' || READINESS_RE.test(nk)) return 'readiness';
  if (nk === 'site_id') return 'id';
  return FIELD_OF.get(nk);
}

export interface MappedProperties {
  /** Values read, only for the fields present in the input. */
  values: Partial<SiteProperties>;
  /** French problems without the feature prefix, e.g. « la disponibilité « bientôt » est inconnue… ». */
  problems: string[];
  /** Input properties that match no field, verbatim. */
  extra: Record<string, unknown>;
}

/** Reads any set of properties into Site fields (see ALIASES). Pure. */
export function mapProperties(input: Record<string, unknown> | null | undefined): MappedProperties {
  const props = input ?? {};
  const values: Partial<SiteProperties> = {};
  const problems: string[] = [];
  const extra: Record<string, unknown> = {};
  const readiness = emptyReadiness();
  let readinessSeen = false;

  // Pick, for each field, the highest-priority input key present.
  const chosen = new Map<Field, { key: string; value: unknown; prio: number }>();
  const keys = Object.keys(props);
  const normKeys = new Map(keys.map((k) => [k, normalizeKey(k)]));
  const hasCnigTerrain = [...normKeys.values()].includes('terr_id');
  const cnig: Record<string, string | number | null> = {};

  for (const key of keys) {
    const value = props[key];
    const nk = normKeys.get(key)!;
    if (key === 'readiness' && value && typeof value === 'object' && !Array.isArray(value)) {
      readinessSeen = true;
      for (const id of READINESS_ITEM_IDS) {
        const item = (value as Record<string, unknown>)[id];
        if (item && typeof item === 'object') {
          for (const rk of READINESS_KEYS) setReadiness(id, rk, (item as Record<string, unknown>)[rk]);
        } else if (typeof item === 'string') setReadiness(id, 'status', item);
      }
      continue;
    }
    const rm = READINESS_RE.exec(nk);
    if (rm) {
      readinessSeen = true;
      const sub = (rm[2] === 'statut' ? 'status' : (rm[2] ?? 'status')) as ReadinessKey;
      setReadiness(rm[1] as ReadinessItemId, sub, value);
      continue;
    }
    if (CNIG_KEPT.includes(key)) {
      if ((typeof value === 'string' || typeof value === 'number') && value !== '' && value !== 'inconnu') cnig[key] = value;
      if (key !== 'terr_stade_comm' && key !== 'terr_etat_occup') continue;
    }
    // In a CNIG terrain file, `site_id` is the zone (site économique) of the plot.
    const field: Field | undefined = nk === 'site_id' ? (hasCnigTerrain ? 'zone_id' : 'id') : FIELD_OF.get(nk);
    if (!field) {
      extra[key] = value;
      continue;
    }
    if (field === 'ignored') continue;
    const prio = PRIORITY.get(nk) ?? 99;
    const prev = chosen.get(field);
    if (!prev || (isBlank(prev.value) && !isBlank(value)) || (prio < prev.prio && !(isBlank(value) && !isBlank(prev.value)))) {
      chosen.set(field, { key, value, prio });
    }
  }

  function setReadiness(id: ReadinessItemId, rk: ReadinessKey, v: unknown) {
    const item = readiness[id];
    if (rk === 'status') {
      const s = readItemStatus(v);
      if (s === undefined) {
        problems.push(`le statut « ${String(v)} » de l’étape « ${id} » n’est pas reconnu ; il est laissé « inconnu » (valeurs possibles : fait, en cours, à faire, sans objet, inconnu).`);
      } else if (s !== null) item.status = s;
    } else if (rk === 'date') {
      const d = readDate(v);
      if (d === undefined) problems.push(`la date « ${String(v)} » de l’étape « ${id} » n’est pas une date (attendu : AAAA-MM-JJ ou JJ/MM/AAAA) ; elle est ignorée.`);
      else item.date = d;
    } else {
      item[rk] = readText(v);
    }
  }

  const text = (f: Field) => (chosen.has(f) ? readText(chosen.get(f)!.value) : undefined);
  const num = (f: Field, label: string): number | null | undefined => {
    const c = chosen.get(f);
    if (!c) return undefined;
    const n = readNumber(c.value);
    if (n === undefined) {
      problems.push(`${label} « ${String(c.value)} » (colonne « ${c.key} ») n’est pas un nombre ; elle est ignorée.`);
      return null;
    }
    return n;
  };

  const id = text('id');
  if (id !== undefined) values.id = id === null ? undefined : id.trim();
  if (values.id === undefined) delete values.id;
  const name = text('name');
  if (name !== undefined) values.name = name ?? '';

  if (chosen.has('kind')) {
    const c = chosen.get('kind')!;
    const k = readKind(c.value);
    if (k === undefined) problems.push(`le type « ${String(c.value)} » n’est pas reconnu (attendu : parcelle ou friche) ; « parcelle » est retenu.`);
    else if (k !== null) values.kind = k;
  }
  for (const f of ['zone_id', 'zone_name', 'commune', 'epci_name', 'contact', 'notes', 'friche_status', 'friche_type', 'source_url', 'waterway_name', 'station_name', 'ite_name', 'ite_line'] as const) {
    const t = text(f);
    if (t !== undefined) (values as Record<string, unknown>)[f] = t;
  }
  const src = text('source');
  if (src !== undefined && src !== null) values.source = src;
  if (chosen.has('insee')) values.insee = readInsee(chosen.get('insee')!.value);
  const siren = text('epci_siren');
  if (siren !== undefined) values.epci_siren = siren === null ? null : siren.trim();

  // Surface: m² column, else hectares, else the CNIG gross surface (ha).
  const m2 = num('declared_surface_m2', 'la surface');
  const ha = num('declared_surface_ha', 'la surface en hectares');
  const cnigHa = num('cnig_surface_ha', 'la surface brute (ha)');
  if (m2 !== undefined) values.declared_surface_m2 = m2;
  else if (ha !== undefined) values.declared_surface_m2 = ha === null ? null : Math.round(ha * 10000 * 100) / 100;
  else if (cnigHa !== undefined) values.declared_surface_m2 = cnigHa === null ? null : Math.round(cnigHa * 10000 * 100) / 100;
  if (typeof values.declared_surface_m2 === 'number' && values.declared_surface_m2 < 0) {
    problems.push(`la surface déclarée est négative (${values.declared_surface_m2}) ; elle est ignorée.`);
    values.declared_surface_m2 = null;
  }

  if (chosen.has('availability')) {
    const c = chosen.get('availability')!;
    const a = readAvailability(c.value);
    if (a === undefined) {
      problems.push(`la disponibilité « ${String(c.value)} » n’est pas reconnue ; elle est laissée « inconnue » (valeurs possibles : disponible, sous option, vendu / occupé, inconnu).`);
      values.availability = 'inconnu';
    } else values.availability = a ?? 'inconnu';
  }
  if (chosen.has('occupation')) {
    const c = chosen.get('occupation')!;
    const o = readOccupation(c.value);
    if (o === undefined) {
      problems.push(`l’occupation « ${String(c.value)} » n’est pas reconnue ; elle est laissée « inconnue ».`);
      values.occupation = 'inconnu';
    } else values.occupation = o ?? 'inconnu';
  }
  if (chosen.has('sectors')) {
    const { sectors, unknown } = readSectors(chosen.get('sectors')!.value);
    values.sectors = sectors;
    if (unknown.length > 0) {
      problems.push(`filière(s) non reconnue(s) : ${unknown.map((u) => `« ${u} »`).join(', ')} ; elles sont ignorées.`);
    }
  }
  const price = num('price_eur_m2', 'le prix');
  if (price !== undefined) values.price_eur_m2 = price;
  for (const [f, label] of [
    ['dist_rn2_m', 'la distance à la RN2'],
    ['dist_rn2_error_m', 'l’incertitude de distance à la RN2'],
    ['dist_waterway_m', 'la distance à la voie d’eau'],
    ['dist_station_m', 'la distance à la gare'],
    ['rail_km_to_cdg', 'la distance ferroviaire à Roissy-CDG'],
    ['dist_ite_m', 'la distance à l’embranchement ferroviaire (ITE)'],
  ] as const) {
    const n = num(f, label);
    if (n !== undefined) values[f] = n;
  }
  for (const f of ['updated_at', 'created_at'] as const) {
    const c = chosen.get(f);
    if (!c) continue;
    const d = readDate(c.value);
    if (d === undefined) problems.push(`la date « ${String(c.value)} » (colonne « ${c.key} ») n’est pas reconnue ; elle est ignorée.`);
    else values[f] = d;
  }
  if (chosen.has('fictitious')) {
    const c = chosen.get('fictitious')!;
    const b = readBoolean(c.value);
    if (b === undefined) problems.push(`la valeur « ${String(c.value)} » de « ${c.key} » n’est ni oui ni non ; le site est considéré comme réel.`);
    values.fictitious = b === true;
  }
  if (readinessSeen) values.readiness = readiness;
  // Official values that only restate the atlas value are not kept (see CNIG_KEPT).
  if (typeof cnig.terr_stade_comm === 'string' && (!isInList('terrain_eco', 'terr_stade_comm', cnig.terr_stade_comm) || stadeCommOf(availabilityOf(cnig.terr_stade_comm)) === cnig.terr_stade_comm)) delete cnig.terr_stade_comm;
  if (typeof cnig.terr_etat_occup === 'string' && (!isInList('terrain_eco', 'terr_etat_occup', cnig.terr_etat_occup) || etatOccupOf(occupationOf(cnig.terr_etat_occup)) === cnig.terr_etat_occup)) delete cnig.terr_etat_occup;
  if (Object.keys(cnig).length) values.cnig = cnig;
  return { values, problems, extra };
}

/** FNV-1a 32-bit hash, hex. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A stable id for an imported site that has none: same name and geometry → same id. */
export function importedSiteId(name: string, geometry: SiteGeometry): string {
  return `imp-${fnv1a(`${name}\u0000${JSON.stringify(geometry.coordinates)}`)}`;
}

/** Rounds WGS84 coordinates to 7 decimals (about 1 cm) and drops Z/M values. */
export function normalizeGeometry<G extends SiteGeometry>(g: G): G {
  return roundGeometry(g, 7);
}

/** turf.area of a polygon in m² (2 decimals), null for points. */
export function computedSurfaceM2(g: SiteGeometry): number | null {
  if (g.type === 'Point') return null;
  return Math.round(area(g) * 100) / 100;
}

export { blankSiteProperties };

/**
 * Builds a Site from imported properties and a WGS84 geometry.
 * `defaults` fill what the input does not say (e.g. `source`); the input wins otherwise.
 * `fictitious` is false unless the input (or defaults) says true. `kind` defaults to 'plot'.
 * The geometry is rounded to 7 decimals; `computed_surface_m2` is turf.area of it.
 */
export function toSite(props: Record<string, unknown> | null | undefined, geometry: SiteGeometry, defaults: Partial<SiteProperties> = {}): Site {
  return toSiteDetailed(props, geometry, defaults).site;
}

/** Same as toSite, with the problems met and the unmapped properties. */
export function toSiteDetailed(
  props: Record<string, unknown> | null | undefined,
  geometry: SiteGeometry,
  defaults: Partial<SiteProperties> = {},
): { site: Site; problems: string[]; extra: Record<string, unknown>; generatedId: boolean } {
  const { values, problems, extra } = mapProperties(props);
  const geom = normalizeGeometry(geometry);
  const properties: SiteProperties = { ...blankSiteProperties(), ...defaults, ...values };
  if (!values.readiness) properties.readiness = defaults.readiness ? structuredClone(defaults.readiness) : emptyReadiness();
  properties.fictitious = values.fictitious ?? defaults.fictitious ?? false;
  properties.name = properties.name ?? '';
  const generatedId = !properties.id;
  if (generatedId) properties.id = importedSiteId(properties.name, geom);
  properties.computed_surface_m2 = computedSurfaceM2(geom);
  return { site: { type: 'Feature', properties, geometry: geom }, problems, extra, generatedId };
}
