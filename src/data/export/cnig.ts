/**
 * Export to the CNIG « Sites économiques » standard (v1.0.1, classes SITE-ECO and TERRAIN-ECO;
 * https://github.com/cnigfr/schema-sites-economiques): a zones layer (*site économique*) and a
 * plots layer (*terrain économique*), as GeoJSON collections — the files of a publication package
 * (src/data/publish/write.ts) and of the « Structure CNIG » export.
 *
 * Coded fields take their official value: the one typed in the form (`cnig` of the site or zone,
 * from the official list), else the atlas value mapped onto the list (availability →
 * terr_stade_comm, occupation → terr_etat_occup, src/domain/cnig/mapping.ts), else « inconnu » for
 * a required field, as the standard asks. Other unknown fields are null. What the standard has no
 * field for goes to `atlas_*` extension fields. Mapping: data/cnig-sites-economiques.md.
 */
import { area } from '@turf/area';
import { etatOccupFor, inventoryFigures, stadeCommFor, UNKNOWN } from '../../domain/cnig';
import { crsMember } from '../../domain/crs';
import { readinessLevel } from '../../domain/readiness';
import { READINESS_ITEM_IDS, type Site, type SiteGeometry, type ZoneRecord } from '../../domain/types';
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

const empty = (fields: readonly string[]): Props => Object.fromEntries(fields.map((f) => [f, null]));
const date10 = (v: string | null | undefined) => (v ? v.slice(0, 10) : null);
const haOf = (m2: number | null) => (m2 === null ? null : roundTo(m2 / 10000, 4));

export interface CnigOptions {
  /** Output CRS; the standard's reference system for metropolitan France is Lambert-93 (default). */
  crs?: ExportCrs;
  /** `source_producteur` of the zones, e.g. « CA GrandSoissons Agglomération ». */
  producer?: string | null;
  /**
   * Date (YYYY-MM-DD) written in the required identification / update dates when the record
   * has none: the date of this export (the record is current as of it). Default: today.
   */
  date?: string;
  /** `site_epci_nom` / `site_epci_siren` when the zone's plots do not give them (the publishing EPCI). */
  epci?: { name: string; siren: string } | null;
}

const today = () => new Date().toISOString().slice(0, 10);
const cnigText = (c: Record<string, string | number | null> | null | undefined, k: string): string | null => {
  const v = c?.[k];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
};
const cnigNumber = (c: Record<string, string | number | null> | null | undefined, k: string): number | null => {
  const v = c?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

const READINESS_EXT_KEYS = READINESS_ITEM_IDS.map((item) => ({
  item,
  status: `atlas_readiness_${item}_status`,
  date: `atlas_readiness_${item}_date`,
  source: `atlas_readiness_${item}_source`,
  note: `atlas_readiness_${item}_note`,
}));

/** One plot → one TERRAIN-ECO feature (standard fields, then `atlas_*` extensions). */
export function terrainEcoProperties(s: Site, opts: { date?: string } = {}): Props {
  const p = s.properties;
  const c = p.cnig;
  const date = opts.date ?? today();
  const level = readinessLevel(p);
  // One object filled in a fixed order with constant keys (fast: no spread, no dynamic keys).
  const out: Props = {
    terr_id: p.id,
    site_id: p.zone_id,
    terr_refcad: cnigText(c, 'terr_refcad'),
    terr_surf_brute: haOf(siteSurfaceM2(p)),
    terr_utile: cnigText(c, 'terr_utile'),
    terr_identif_date: cnigText(c, 'terr_identif_date') ?? date10(p.created_at) ?? date10(p.updated_at) ?? date,
    terr_actu_date: date10(p.updated_at) ?? date,
    terr_maitrise_fonc: cnigText(c, 'terr_maitrise_fonc') ?? UNKNOWN,
    terr_stade_amngt: cnigText(c, 'terr_stade_amngt') ?? UNKNOWN,
    terr_stade_comm: stadeCommFor(p.availability, cnigText(c, 'terr_stade_comm')),
    terr_etat_occup: p.kind === 'friche' && p.occupation === 'inconnu' ? 'friche' : etatOccupFor(p.occupation, cnigText(c, 'terr_etat_occup')),
    terr_usage: cnigText(c, 'terr_usage') ?? UNKNOWN,
    terr_url_cartofriches: p.kind === 'friche' && p.source_url && /cartofriches/i.test(p.source_url) ? p.source_url : null,
    terr_cle_en_main: level === 'cle_en_main' ? 'oui' : level === 'inconnu' ? null : 'non',
    terr_acquereur: cnigText(c, 'terr_acquereur'),
    terr_cession_date: cnigText(c, 'terr_cession_date'),
    terr_vente_montant: cnigNumber(c, 'terr_vente_montant'),
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

/** Coded SITE-ECO fields required by the standard: « inconnu » when not known. */
const SITE_REQUIRED_CODED = ['site_vocadomi', 'site_etat', 'site_moa_type'] as const;

/**
 * One zone with an outline → one SITE-ECO feature. The official values typed for the zone
 * (`z.cnig`: type, vocation, state, maîtrise d'ouvrage, network and vocation flags…) are written as
 * they are; the L318-8-2 figures (site_uf_nbre, site_uf_vacant_nbre, site_taux_vacance in %,
 * site_surf_comm_dispo in ha) are computed from the zone's exported plots.
 */
export function siteEcoProperties(
  z: ZoneRecord & { geometry: NonNullable<ZoneRecord['geometry']> },
  plots: readonly Site[],
  producer: string | null,
  opts: { date?: string; epci?: { name: string; siren: string } | null } = {},
): Props {
  const out = empty(SITE_ECO_FIELDS);
  const c = z.cnig;
  const date = opts.date ?? today();
  for (const f of SITE_ECO_FIELDS) {
    const v = c?.[f];
    if (v !== undefined && v !== null && v !== '') out[f] = v;
  }
  out.site_id = z.zone_id;
  out.site_nom = z.name;
  out.pole_id = cnigText(c, 'pole_id') ?? 'sans objet';
  out.site_type = cnigText(c, 'site_type') ?? zoneType(z.kind) ?? UNKNOWN;
  for (const f of SITE_REQUIRED_CODED) out[f] = cnigText(c, f) ?? UNKNOWN;
  out.site_surf_brute = roundTo(area(z.geometry) / 10000, 2);
  out.site_identif_date = cnigText(c, 'site_identif_date') ?? date;
  out.site_actu_date = date;
  out.source_producteur = producer ?? cnigText(c, 'source_producteur');
  out.site_epci_siren = z.epci_siren[0] ?? opts.epci?.siren ?? null;
  out.site_epci_nom =
    plots.find((s) => s.properties.epci_siren === out.site_epci_siren && s.properties.epci_name)?.properties.epci_name ??
    (opts.epci && opts.epci.siren === out.site_epci_siren ? opts.epci.name : null) ??
    cnigText(c, 'site_epci_nom');
  out.site_comm_nom = z.communes[0] ?? cnigText(c, 'site_comm_nom');
  out.site_comm_insee = z.insee[0] ?? cnigText(c, 'site_comm_insee');
  const [lon, lat] = lonLatOf(z.geometry);
  out.site_geompoint = `${lon}, ${lat}`;
  const polygons = plots.filter((s) => s.geometry.type !== 'Point');
  if (polygons.length) {
    const f = inventoryFigures(
      polygons.map((s) => {
        const t = terrainEcoProperties(s, { date });
        return { terr_etat_occup: t.terr_etat_occup as string, terr_stade_comm: t.terr_stade_comm as string, terr_surf_brute: t.terr_surf_brute as number | null };
      }),
    );
    out.site_uf_nbre = f.units;
    out.site_uf_vacant_nbre = f.vacant_units;
    out.site_taux_vacance = f.vacancy_rate === null ? null : roundTo(f.vacancy_rate * 100, 1);
    out.site_surf_comm_dispo = f.available_units ? f.available_surface_ha : null;
  }
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
    terrainEco.features.push({ type: 'Feature', properties: terrainEcoProperties(s, { date: opts.date }), geometry: exportGeometry(s.geometry, crs) });
  }

  for (const z of zones) {
    if (!z.geometry) {
      skipped.push({ kind: 'zone', id: z.zone_id, name: z.name, reason: 'la zone n’a pas encore de contour : dessinez-le pour l’exporter comme site économique.' });
      continue;
    }
    const plots = sites.filter((s) => s.properties.zone_id === z.zone_id);
    siteEco.features.push({
      type: 'Feature',
      properties: siteEcoProperties(z as ZoneRecord & { geometry: NonNullable<ZoneRecord['geometry']> }, plots, opts.producer ?? null, { date: opts.date, epci: opts.epci }),
      geometry: exportGeometry(z.geometry, crs),
    });
  }
  return { siteEco, terrainEco, skipped };
}
