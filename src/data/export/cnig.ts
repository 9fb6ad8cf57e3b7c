/**
 * Export to the CNIG « Sites économiques » standard (v2023-10, classes SITE-ECO and
 * TERRAIN-ECO; https://github.com/cnigfr/schema-sites-economiques): a zones layer
 * (*site économique*) and a plots layer (*terrain économique*), as GeoJSON collections.
 *
 * Only what the atlas knows is filled; every other standard field is present and null.
 * Values of coded fields are written only when the value is known to be in the standard's
 * list; otherwise null and our own value goes to an `atlas_*` extension field (the
 * standard allows local fields). The mapping, and what cannot be filled, is documented in
 * data/cnig-sites-economiques.md.
 */
import { area } from '@turf/turf';
import { crsMember } from '../../domain/crs';
import { readinessLevel } from '../../domain/readiness';
import { READINESS_ITEM_IDS, type Occupation, type Site, type SiteGeometry, type ZoneRecord } from '../../domain/types';
import { siteSurfaceM2 } from '../../domain/surface';
import type { ExportCrs } from './geojson';
import { exportGeometry, lonLatOf, roundTo } from './geometry';

type Props = Record<string, string | number | null>;
export interface CnigFeature {
  type: 'Feature';
  properties: Props;
  geometry: SiteGeometry;
}
export interface CnigCollection {
  type: 'FeatureCollection';
  name: 'site_eco' | 'terrain_eco';
  crs?: ReturnType<typeof crsMember>;
  features: CnigFeature[];
}
export interface CnigExport {
  siteEco: CnigCollection;
  terrainEco: CnigCollection;
  /** What could not be exported, with the reason (French). */
  skipped: { kind: 'site' | 'zone'; id: string; name: string; reason: string }[];
}

/** TERRAIN-ECO fields, in the standard's order. */
export const TERRAIN_ECO_FIELDS = [
  'terr_id',
  'site_id',
  'terr_refcad',
  'terr_surf_brute',
  'terr_utile',
  'terr_identif_date',
  'terr_actu_date',
  'terr_maitrise_fonc',
  'terr_stade_amngt',
  'terr_stade_comm',
  'terr_etat_occup',
  'terr_usage',
  'terr_url_cartofriches',
  'terr_cle_en_main',
  'terr_acquereur',
  'terr_cession_date',
  'terr_vente_montant',
  'terr_m2_prix',
] as const;

/** SITE-ECO fields, in the standard's order (the geometry is the feature's geometry). */
export const SITE_ECO_FIELDS = [
  'site_id',
  'pole_id',
  'site_nom',
  'site_type',
  'site_vocadomi',
  'site_etat',
  'site_surf_brute',
  'site_surf_utile',
  'site_creation_date',
  'site_identif_date',
  'site_actu_date',
  'source_producteur',
  'site_description',
  'site_quali_territoire',
  'site_evol_urba',
  'site_url',
  'site_epci_nom',
  'site_epci_siren',
  'site_comm_nom',
  'site_comm_insee',
  'site_moa_type',
  'site_moa_nom',
  'site_moa_amngt',
  'site_moa_comm',
  'site_uf_nbre',
  'site_uf_vacant_nbre',
  'site_taux_vacance',
  'site_uf_bati_nbre',
  'site_nb_etab',
  'site_nb_emploi',
  'site_geompoint',
  'site_media',
  'site_surf_comm_dispo',
  'site_surf_projet',
  'site_voca_industrielle',
  'site_voca_commerciale',
  'site_voca_tertiaire',
  'site_voca_artisanale',
  'site_voca_touristique',
  'site_voca_portuaire',
  'site_voca_aeroportuaire',
  'reseau_eau_pluviale',
  'reseau_eau_potable',
  'reseau_assainissement',
  'reseau_gaz',
  'reseau_electrique',
  'reseau_fibre_optique',
  'reseau_fret_ferroviaire',
  'reseau_fluvial',
  'desserte_tc',
  'desserte_route_nom',
  'autoroute_nom',
  'autoroute_echang_dist',
  'gare_nom',
  'gare_dist',
  'gare_fret_nom',
  'gare_fret_dist',
  'aeroport_nom',
  'aeroport_dist',
  'port_nom',
  'port_dist',
] as const;

/** terr_etat_occup values (CNIG: occupé, inoccupé, en transition, friche). */
const OCCUPATION_CNIG: Record<Occupation, string | null> = {
  occupe: 'occupé',
  inoccupe: 'inoccupé',
  en_transition: 'en transition',
  friche: 'friche',
  inconnu: null,
};

const empty = (fields: readonly string[]): Props => Object.fromEntries(fields.map((f) => [f, null]));
const date10 = (v: string | null | undefined) => (v ? v.slice(0, 10) : null);
const haOf = (m2: number | null) => (m2 === null ? null : roundTo(m2 / 10000, 4));

export interface CnigOptions {
  /** Output CRS; the standard's reference system for metropolitan France is Lambert-93 (default). */
  crs?: ExportCrs;
  /** `source_producteur` of the zones, e.g. « CA GrandSoissons Agglomération ». */
  producer?: string | null;
}

const READINESS_EXT_KEYS = READINESS_ITEM_IDS.map((item) => ({
  item,
  status: `atlas_readiness_${item}_status`,
  date: `atlas_readiness_${item}_date`,
  source: `atlas_readiness_${item}_source`,
  note: `atlas_readiness_${item}_note`,
}));

/** One plot → one TERRAIN-ECO feature (standard fields, then `atlas_*` extensions). */
export function terrainEcoProperties(s: Site): Props {
  const p = s.properties;
  const level = readinessLevel(p);
  // One object filled in a fixed order with constant keys (fast: no spread, no dynamic keys).
  const out: Props = {
    terr_id: p.id,
    site_id: p.zone_id,
    terr_refcad: null,
    terr_surf_brute: haOf(siteSurfaceM2(p)),
    terr_utile: null,
    terr_identif_date: date10(p.created_at),
    terr_actu_date: date10(p.updated_at),
    terr_maitrise_fonc: null,
    terr_stade_amngt: null,
    terr_stade_comm: p.availability === 'vendu_occupe' ? 'vendu, commercialisation achevée' : null,
    terr_etat_occup: OCCUPATION_CNIG[p.occupation] ?? (p.kind === 'friche' ? 'friche' : null),
    terr_usage: null,
    terr_url_cartofriches: p.kind === 'friche' && p.source_url && /cartofriches/i.test(p.source_url) ? p.source_url : null,
    terr_cle_en_main: level === 'cle_en_main' ? 'oui' : level === 'inconnu' ? null : 'non',
    terr_acquereur: null,
    terr_cession_date: null,
    terr_vente_montant: null,
    terr_m2_prix: p.price_eur_m2,
    // Extensions: what the standard has no field for, so nothing is lost.
    atlas_nom: p.name,
    atlas_type: p.kind,
    atlas_zone_nom: p.zone_name,
    atlas_commune: p.commune,
    atlas_insee: p.insee,
    atlas_epci: p.epci_name,
    atlas_epci_siren: p.epci_siren,
    atlas_surface_declaree_m2: p.declared_surface_m2,
    atlas_disponibilite: p.availability,
    atlas_occupation: p.occupation,
    atlas_filieres: (p.sectors ?? []).join('|'),
    atlas_niveau_cle_en_main: level,
    atlas_contact: p.contact,
    atlas_notes: p.notes,
    atlas_friche_statut: p.friche_status,
    atlas_friche_type: p.friche_type,
    atlas_source: p.source,
    atlas_source_url: p.source_url,
    atlas_fictif: p.fictitious ? 'oui' : 'non',
  };
  for (const k of READINESS_EXT_KEYS) {
    const r = p.readiness?.[k.item];
    out[k.status] = r?.status ?? 'inconnu';
    out[k.date] = r?.date ?? null;
    out[k.source] = r?.source ?? null;
    out[k.note] = r?.note ?? null;
  }
  return out;
}

function zoneType(kind: string): string | null {
  return /\b(ZA|ZI|ZAC|ZAE|zone d.activit|parc d.activit)/i.test(kind) ? "zone d'activité économique" : null;
}

/** One zone with an outline → one SITE-ECO feature. */
export function siteEcoProperties(z: ZoneRecord & { geometry: NonNullable<ZoneRecord['geometry']> }, plots: readonly Site[], producer: string | null): Props {
  const out = empty(SITE_ECO_FIELDS);
  out.site_id = z.zone_id;
  out.site_nom = z.name;
  out.site_type = zoneType(z.kind);
  out.site_surf_brute = roundTo(area(z.geometry) / 10000, 2);
  out.source_producteur = producer;
  out.site_epci_siren = z.epci_siren[0] ?? null;
  out.site_epci_nom = plots.find((s) => s.properties.epci_siren === out.site_epci_siren && s.properties.epci_name)?.properties.epci_name ?? null;
  out.site_comm_nom = z.communes[0] ?? null;
  out.site_comm_insee = z.insee[0] ?? null;
  const [lon, lat] = lonLatOf(z.geometry);
  out.site_geompoint = `${lon}, ${lat}`;
  const available = plots.filter((s) => s.properties.availability === 'disponible');
  out.site_surf_comm_dispo = available.length ? roundTo(available.reduce((sum, s) => sum + (siteSurfaceM2(s.properties) ?? 0), 0) / 10000, 4) : null;
  return {
    ...out,
    atlas_genre: z.kind,
    atlas_nb_terrains: plots.length,
    atlas_communes: z.communes.join('|'),
    atlas_insee: z.insee.join('|'),
  };
}

export function toCnigSitesEconomiques(sites: readonly Site[], zones: readonly ZoneRecord[], opts: CnigOptions = {}): CnigExport {
  const crs = opts.crs ?? 'EPSG:2154';
  const skipped: CnigExport['skipped'] = [];
  const head = <N extends CnigCollection['name']>(name: N) => ({ type: 'FeatureCollection' as const, name, ...(crs !== 'EPSG:4326' ? { crs: crsMember(crs) } : {}), features: [] as CnigFeature[] });
  const terrainEco = head('terrain_eco');
  const siteEco = head('site_eco');

  for (const s of sites) {
    if (s.geometry.type === 'Point') {
      skipped.push({
        kind: 'site',
        id: s.properties.id,
        name: s.properties.name,
        reason: 'le standard CNIG demande le contour du terrain (polygone) ; ce site n’est connu que par un point : dessinez son contour pour l’exporter.',
      });
      continue;
    }
    terrainEco.features.push({ type: 'Feature', properties: terrainEcoProperties(s), geometry: exportGeometry(s.geometry, crs) });
  }

  for (const z of zones) {
    if (!z.geometry) {
      skipped.push({ kind: 'zone', id: z.zone_id, name: z.name, reason: 'la zone n’a pas encore de contour : dessinez-le pour l’exporter comme site économique.' });
      continue;
    }
    const plots = sites.filter((s) => s.properties.zone_id === z.zone_id);
    siteEco.features.push({
      type: 'Feature',
      properties: siteEcoProperties(z as ZoneRecord & { geometry: NonNullable<ZoneRecord['geometry']> }, plots, opts.producer ?? null),
      geometry: exportGeometry(z.geometry, crs),
    });
  }
  return { siteEco, terrainEco, skipped };
}
