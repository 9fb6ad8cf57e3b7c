/**
 * Core types of the atlas. Pure TypeScript: no React, no MapLibre.
 *
 * Vocabulary follows the CNIG "Sites économiques" standard (a zone is a
 * *site économique*, a plot a *terrain économique*) and the CNIG "Friches"
 * standard for brownfields (Cartofriches).
 *
 * Identifiers are English; values shown to users are mapped to French labels
 * in the UI message files.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { FricheDetails } from './fricheDetails';

/**
 * `zone`: an activity zone or site of the zones register shown as a search result (see
 * src/domain/zoneSites.ts): its `location_precision` says whether it has an outline.
 */
export type SiteKind = 'plot' | 'friche' | 'zone';

/**
 * How precisely a site is located. Absent or `exact`: its geometry is the site itself (point or
 * outline). The others (zones of the register without an outline, CNIG `geocodage_qualite`
 * « localisation à la commune »): the geometry is the area the site is known to lie in, never a
 * point standing for the site; distances are not computed.
 */
export type LocationPrecision = 'exact' | 'commune' | 'epci' | 'territoire';

/** Who published a site or a zone: the publication package (publication.json), CNIG « Sites économiques ». */
export interface PublicationInfo {
  /** The producer (EPCI) name and SIREN. */
  producer: string;
  producer_siren: string;
  /** Contact for investors. */
  contact: { name: string; email: string | null; phone: string | null; url: string | null };
  /** Publication date, YYYY-MM-DD. */
  date: string;
  licence: string;
  /** The package's folder name. */
  package: string;
  /** A test or demonstration package (`atlas_fictif`). */
  fictitious: boolean;
}

/** Readiness from a national label (not from the atlas's checklist), with its source. */
export interface ReadinessLabel {
  /** e.g. « Site industriel clés en main ». */
  label: string;
  /** Date of the label (YYYY or YYYY-MM). */
  date: string | null;
  source_url: string;
  /** The register facts it comes from (F007, F008). */
  fact_ids: string[];
  note: string | null;
}

/** The ZAE-inventory figures (code de l'urbanisme L318-8-2) of a set of land units (src/domain/cnig/inventory.ts). */
export interface InventoryFigures {
  units: number;
  vacant_units: number;
  /** 0–1, null when there is no unit. */
  vacancy_rate: number | null;
  available_units: number;
  available_surface_ha: number;
  available_units_without_surface: number;
}

/** The figures of a zone, from its published plots, with their date and source (the package(s)). */
export interface ZoneInventory extends InventoryFigures {
  date: string;
  source: string;
}

/** One publication package merged by the data build (manifest `publications`). */
export interface PublicationSummary {
  package: string;
  producer: string;
  producer_siren: string;
  date: string;
  licence: string;
  fictitious: boolean;
  counts: { site_eco: number; terrain_eco: number; etablissement: number };
}

/** Commercial availability of a site. */
export type Availability = 'disponible' | 'sous_option' | 'vendu_occupe' | 'inconnu';

/** CNIG "terrain économique" occupation. */
export type Occupation = 'occupe' | 'inoccupe' | 'en_transition' | 'friche' | 'inconnu';

/**
 * Status of one readiness checklist item. `a_verifier`: the source says something (e.g. the PLU
 * zone), but not enough to tick the item; the note says what to check and why.
 */
export type ItemStatus = 'fait' | 'en_cours' | 'a_faire' | 'a_verifier' | 'sans_objet' | 'inconnu';

/**
 * The "clé en main" checklist, modelled on the national "Sites industriels
 * clés en main" label (France 2030). Order matters: it is the display order.
 */
export const READINESS_ITEM_IDS = [
  'land_control', // 1. maîtrise foncière
  'planning', // 2. PLU/PLUi zone allows industry
  'environment_inventory', // 3. four-season fauna/flora, wetlands
  'archaeology', // 4. archaeological diagnostic done or waived
  'environmental_procedures', // 5. ICPE, water law, impact study anticipated
  'utilities', // 6. road, HTA electricity, gas, water, wastewater, fibre
  'soil_pollution', // 7. soil pollution known and treated (friches)
] as const;
export type ReadinessItemId = (typeof READINESS_ITEM_IDS)[number];

export interface ReadinessItem {
  status: ItemStatus;
  /** ISO date (YYYY-MM-DD) the status refers to, or null. */
  date: string | null;
  /** Where the status comes from (text or URL), or null. */
  source: string | null;
  note?: string | null;
}
export type Readiness = Record<ReadinessItemId, ReadinessItem>;

/** Derived from the checklist, never typed by hand. */
export type ReadinessLevel = 'cle_en_main' | 'a_preparer' | 'a_rehabiliter' | 'inconnu';
export const READINESS_LEVELS: readonly ReadinessLevel[] = ['cle_en_main', 'a_preparer', 'a_rehabiliter', 'inconnu'];

/** Filières of the territory's strategy (Territoires d'industrie 2023-2027). */
export const SECTOR_IDS = [
  'agro', // agroalimentaire & protéines végétales
  'bioeconomy', // bio-économie & matériaux biosourcés
  'ecoconstruction', // éco-construction
  'energy', // fluides & énergie
  'logistics', // logistique & fret fluvial
  'glass_packaging', // verre, emballage, papier-carton
  'automotive', // automobile & mécanique
  'metalwork', // chaudronnerie, soudure, usinage
  'chemistry', // chimie
  'electronics', // électronique
  'circular', // économie circulaire & déchets
  'crafts_sme', // artisanat & PME
  'tertiary', // tertiaire
] as const;
export type SectorId = (typeof SECTOR_IDS)[number];

export type SiteGeometry = Point | Polygon | MultiPolygon;

/** Distances to the three networks; written on each site (see src/domain/distances). */
export interface SiteDistances {
  dist_rn2_m: number | null;
  /** Possible over-estimate (m) when the nearest RN2 point is at a documented gap end; null when exact. */
  dist_rn2_error_m: number | null;
  dist_waterway_m: number | null;
  waterway_name: string | null;
  dist_station_m: number | null;
  station_name: string | null;
  /** Rail km from the nearest Paris–Laon station to Aéroport CDG 2 TGV via the proposed Roissy link. */
  rail_km_to_cdg: number | null;
  /** Nearest rail siding connection (ITE, SNCF Réseau); a siding may be disused (no status in the data). */
  dist_ite_m: number | null;
  /** SNCF place name the nearest siding depends on (e.g. « Crouy »). */
  ite_name: string | null;
  /** SNCF line code of that siding (e.g. « 229000 »). */
  ite_line: string | null;
}

export interface SiteProperties extends Partial<SiteDistances> {
  id: string;
  name: string;
  kind: SiteKind;
  zone_id: string | null;
  zone_name: string | null;
  insee: string | null;
  commune: string | null;
  epci_siren: string | null;
  epci_name: string | null;
  declared_surface_m2: number | null;
  /** turf.area for polygons; null for points. */
  computed_surface_m2: number | null;
  availability: Availability;
  occupation: Occupation;
  sectors: SectorId[];
  readiness: Readiness;
  price_eur_m2: number | null;
  contact: string | null;
  notes: string | null;
  /** CNIG friches `site_statut` (friche potentielle / sans projet / avec projet / reconvertie), friches only. */
  friche_status: string | null;
  /** CNIG friches `site_type`, friches only. */
  friche_type: string | null;
  /** Link to the source record (e.g. Cartofriches / Géorisques sheet). */
  source_url: string | null;
  /** Human-readable source, e.g. "Cartofriches (Cerema) – mise à jour février/mars 2024". */
  source: string;
  /** ISO date of the last update of the record. */
  updated_at: string | null;
  created_at?: string | null;
  /** True for generated sample data: always shown with an "Exemple fictif" badge. */
  fictitious: boolean;
  /** What Cartofriches knows beyond the core fields (friches from Cartofriches only); see src/domain/fricheDetails.ts. */
  friche_details?: FricheDetails | null;
  /** See LocationPrecision; absent = exact. */
  location_precision?: LocationPrecision;
  /** Set on published plots and zones: who published it, when, and whom to contact. */
  publication?: PublicationInfo | null;
  /** Official CNIG values as published (e.g. terr_stade_comm « en vente avec contraintes »), scalars only. */
  cnig?: Record<string, string | number | null> | null;
  /** Readiness from a national label (zones of the register), distinct from the checklist. */
  readiness_label?: ReadinessLabel | null;
  /** Zones only (kind `zone`): what the search result needs of the zone. */
  zone?: ZoneSiteInfo | null;
}

/** What a zone shown as a search result carries (kind `zone`, see src/domain/zoneSites.ts). */
export interface ZoneSiteInfo {
  /** The register's `kind`, verbatim (« parc d'activités / ZAC … »). */
  register_kind: string;
  /** Communes named by the register (all of them; `commune` holds the first). */
  communes: string[];
  /** The declared surface's fact (dated, sourced), when the surface comes from the register. */
  surface_fact: { fact_id: string; value_ha: number; date: string | null; source_url: string } | null;
  /** Number of sourced facts of the register. */
  facts_count: number;
  inventory: ZoneInventory | null;
}

export type Site = Feature<SiteGeometry, SiteProperties>;
export type SiteCollection = FeatureCollection<SiteGeometry, SiteProperties>;

/** A distance to a network, with the nearest point (for connectors) and the nearest part's name. */
export interface NetworkDistance {
  distance_m: number;
  nearest: Position;
  name: string | null;
  /** Possible over-estimate in metres, when the result is approximate; null when exact. */
  error_m: number | null;
}

/** Filters combine with AND. Empty arrays mean "no constraint". */
export interface FilterState {
  /** Surface range in m² (declared surface, else computed). */
  surfaceMin: number | null;
  surfaceMax: number | null;
  sectors: SectorId[];
  sectorMode: 'any' | 'all';
  levels: ReadinessLevel[];
  availability: Availability[];
  kinds: SiteKind[];
  epci: string[];
  /** INSEE codes. */
  communes: string[];
  /** Case- and accent-insensitive search on names. */
  text: string;
  maxDistRn2Km: number | null;
  maxDistWaterwayKm: number | null;
  maxDistStationKm: number | null;
  /** Friche statuses (src/domain/fricheStatus.ts): 'potentielle' | 'sans_projet' | 'avec_projet' | 'reconvertie'. */
  fricheStatuses: string[];
  maxDistIteKm: number | null;
}

export const EMPTY_FILTERS: FilterState = {
  surfaceMin: null,
  surfaceMax: null,
  sectors: [],
  sectorMode: 'any',
  levels: [],
  availability: [],
  kinds: [],
  epci: [],
  communes: [],
  text: '',
  maxDistRn2Km: null,
  maxDistWaterwayKm: null,
  maxDistStationKm: null,
  fricheStatuses: [],
  maxDistIteKm: null,
};

export type SortKey = 'name' | 'surface' | 'dist_rn2' | 'dist_waterway' | 'dist_station' | 'dist_ite';
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
}

/** Ids of the map's layers, as in public/data/manifest.json. */
export const LAYER_IDS = [
  'petr',
  'epci',
  'communes',
  'friches',
  'sites',
  'zones',
  'rn2',
  'waterway',
  'rail',
  'stations',
  'ite',
  'lgv',
  'roissy',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** One entry of public/data/manifest.json. */
export interface LayerManifestEntry {
  id: string;
  file: string;
  title: string;
  producer: string;
  licence: string;
  licence_url: string | null;
  /** Date of update of the source data (ISO or "2024-03" style). */
  date: string;
  /**
   * What `date` is, when it is not the producer's update date: « mirror_commit » = the day the copy
   * was committed to the public mirror it was read from (the producer's export date is unknown).
   */
  date_kind?: 'update' | 'mirror_commit';
  source_url: string | null;
  attribution: string;
  count: number;
  bytes: number;
  sha256: string;
  caveats?: string[];
  /**
   * The same features in a smaller file the page reads instead (sites: src/data/compactSites.ts,
   * written by the data build beside `file`); absent in older builds, and `file` stays the reference.
   */
  compact?: { file: string; bytes: number; sha256: string };
}

export interface DataManifest {
  generated_at: string;
  layers: Record<string, LayerManifestEntry>;
  /** The publication packages merged by the build (producer, date, licence, counts); absent in older builds. */
  publications?: PublicationSummary[];
}

/** A real activity zone from the sourced register (no outline known yet). */
export interface ZoneFact {
  fact_id: string;
  attribute: string;
  value: string;
  unit: string | null;
  fact_date: string | null;
  source_url: string;
  source_date: string | null;
  note: string | null;
}
export interface ZoneRecord {
  zone_id: string;
  name: string;
  kind: string;
  communes: string[];
  insee: string[];
  epci_siren: string[];
  facts: ZoneFact[];
  /** Always true until curation gives it an outline. */
  needs_digitising: boolean;
  geometry: Polygon | MultiPolygon | null;
  /** Published zones (site_eco of a publication package): who published the outline. */
  publication?: PublicationInfo | null;
  /** The published site_eco's own id when it differs from `zone_id` (matched to the register by name). */
  cnig_site_id?: string | null;
  /** Official CNIG values of the published site_eco (scalars). */
  cnig?: Record<string, string | number | null> | null;
  /** L318-8-2 figures from the zone's published plots. */
  inventory?: ZoneInventory | null;
  /** Distances of the published outline (computed by the data build). */
  distances?: Partial<SiteDistances> | null;
}

export type Locale = 'fr' | 'en';

/** Which page of the single-page app is shown. */
export type PageRoute =
  | { name: 'atlas' }
  | { name: 'site'; id: string }
  | { name: 'compare' }
  | { name: 'accessibility' }
  | { name: 'legal' };

/** Everything the URL holds: reloading or sharing the URL restores exactly this. */
export interface UrlState {
  page: PageRoute;
  filters: FilterState;
  sort: SortState;
  selectedId: string | null;
  view: MapView | null;
  /** null = default layers. */
  layers: LayerId[] | null;
  shortlist: string[];
  /** Fictitious sample loaded. */
  sample: boolean;
  locale: Locale;
}
