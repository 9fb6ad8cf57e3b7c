/**
 * A publication package: one folder per producer, in the CNIG « Sites économiques » standard
 * v1.0.1 (see data/published/README.md and data/cnig-sites-economiques.md).
 *
 *   <dossier>/publication.json     who publishes, the contact for investors, date, licence, CRS
 *   <dossier>/site_eco.geojson     the zones with their outlines (or site_eco.csv)
 *   <dossier>/terrain_eco.geojson  the plots (or terrain_eco.csv)
 *   <dossier>/etablissement.geojson (optional, or .csv)
 *
 * GeoJSON in Lambert-93 (EPSG:2154) or WGS84, or the standard's CSV exchange format (geometry as
 * GeoJSON text in site_geomsurf / terr_geomsurf / etab_geompoint).
 */
import type { Geometry } from 'geojson';
import type { CnigClass } from '../../domain/cnig';
import type { ValidationIssue } from '../validation/types';

/** One file of a package, as read from disk or from the app. */
export interface PackageFileInput {
  /** File name inside the package folder, e.g. « terrain_eco.csv ». */
  name: string;
  text: string;
}

export interface PackageInput {
  /** The package's folder name (e.g. « 240200477-grandsoissons »): names files in messages. */
  name: string;
  files: PackageFileInput[];
}

/** publication.json, read. */
export interface PublicationMeta {
  producteur: { nom: string; siren: string };
  contact: { nom: string; courriel: string | null; telephone: string | null; page_web: string | null };
  /** Date of the publication, YYYY-MM-DD. */
  date: string;
  licence: string;
  /** CRS of the files: « EPSG:2154 » (Lambert-93) or « EPSG:4326 » (WGS84). */
  crs: 'EPSG:2154' | 'EPSG:4326';
  /** Test and demonstration packages only: everything is shown « fictif ». */
  atlas_fictif?: boolean;
}

/** A problem of a package, naming the file, the feature (id and name), the field and the rule. */
export interface PackageIssue extends ValidationIssue {
  /** « dossier/fichier », as in the messages. */
  file: string;
  featureId: string | null;
  featureName: string | null;
  /** The field concerned, or null (file or feature level). */
  field: string | null;
  /** The rule broken, in French (« champ obligatoire », « liste officielle »…). */
  rule: string;
}

/** One row (feature) of a class, cast to its logical values. */
export interface CnigRow {
  /** 0-based position in the file. */
  index: number;
  /** « entité n° 3 » or « ligne 4 ». */
  where: string;
  /** Cast values of the standard's fields (geometry field excluded) and the `atlas_*` extensions. */
  values: Record<string, unknown>;
  /** WGS84 geometry, when valid; null otherwise. */
  geometry: Geometry | null;
}

export interface ParsedClass {
  /** « dossier/site_eco.geojson ». */
  file: string;
  format: 'geojson' | 'csv';
  rows: CnigRow[];
}

export interface ParsedPackage {
  name: string;
  meta: PublicationMeta | null;
  classes: Partial<Record<CnigClass, ParsedClass>>;
  issues: PackageIssue[];
}

export interface ValidateOptions {
  /** The PETR outline (WGS84): a geometry outside is an error. */
  territory?: import('../import/territory').TerritoryInput | null;
}
