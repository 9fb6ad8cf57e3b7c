import type { CrsDetection, CrsId } from '../../domain/crs';
import type { Site, SiteProperties } from '../../domain/types';
import type { ValidationIssue } from '../validation/types';
import type { CommunesLayer } from './assignCommune';
import type { TerritoryInput } from './territory';
import type { SqlJsLoader } from '../gpkg/sqljs';
import type { ColumnMap, ColumnProposal } from './columns';

/** 50 Mo (MiB): bigger files are refused before being read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportFormat = 'geojson' | 'csv' | 'shapefile' | 'geopackage' | 'kml' | 'kmz' | 'xlsx';

/** One file given to the import (several: the parts of a Shapefile dropped together). */
export interface ImportFile {
  name: string;
  bytes: ArrayBuffer | Uint8Array;
}

/** A layer of a GeoPackage, a sheet of a workbook, a Shapefile of a zip: the user picks one. */
export interface ImportLayer {
  name: string;
  /** Features (rows) in it. */
  count: number;
  /** « Polygon », « Point »… when known. */
  geometryType: string | null;
}

/** Where a declared CRS came from (for the report's wording). */
export type CrsSource = 'crs-member' | 'prj' | 'geopackage' | 'kml';

export interface ImportOptions {
  /** The CRS chosen by the user; overrides the detection. */
  crs?: CrsId;
  /** Default MAX_IMPORT_BYTES. */
  maxBytes?: number;
  /** The PETR outline: a site outside is an error. Without it, only "outside France" is checked. */
  territory?: TerritoryInput | null;
  /** The communes layer: when given, commune and EPCI come from the geometry. */
  communes?: CommunesLayer | null;
  /** Ids already in the atlas (published or drafts): a warning, the import would update them. */
  existingIds?: ReadonlySet<string>;
  /** Values for fields the file does not give (e.g. `source`). Default source: « Import du fichier « x » ». */
  defaults?: Partial<SiteProperties>;
  /** Relative difference above which declared and computed surfaces disagree (default 0.2 = 20 %). */
  surfaceTolerance?: number;
  /** The layer (GeoPackage), sheet (Excel) or Shapefile (zip) to read; default: the first one. */
  layer?: string | null;
  /** Columns the user mapped in the report (header → atlas field; null = do not import). */
  columnMap?: ColumnMap;
  /** Mappings remembered from earlier files (normalised header → field), applied to unknown columns. */
  rememberedColumns?: ColumnMap;
  /** Names typed in the report for items that had none (item index → name). */
  nameFixes?: Record<number, string>;
  /** How to get sql.js (GeoPackage); default: the Node loader (tests, scripts). */
  sqlJs?: SqlJsLoader;
}

export interface ImportItem {
  /** 0-based position in the file (feature, or CSV data row). */
  index: number;
  /** What the messages call it: « Entité n° 3 (« ZA des Vignes ») » or « Ligne 4 (« … ») ». */
  label: string;
  /** The site, when it could be built (even with errors, so it can be shown); null otherwise. */
  site: Site | null;
  issues: ValidationIssue[];
  /** True when an error prevents merging this item. */
  blocked: boolean;
  /** Input properties that match no atlas field, verbatim (listed in a file-level warning). */
  extra: Record<string, unknown>;
}

export interface ImportResult {
  fileName: string;
  bytes: number;
  format: ImportFormat | null;
  encoding: 'utf-8' | 'windows-1252' | null;
  /** What was detected and why (null when the file could not be read). */
  crs: CrsDetection | null;
  /** The CRS actually used: options.crs, else the detected one; null = every item blocked. */
  crsUsed: CrsId | null;
  /** Where the declared CRS was read (`crs` member, .prj, GeoPackage, KML), when one was. */
  crsSource?: CrsSource | null;
  /** The layers / sheets the file holds, when it holds several kinds (GeoPackage, Excel, zip). */
  layers?: ImportLayer[];
  /** The layer read. */
  layer?: string | null;
  /** Columns the atlas does not know, with the proposed or remembered field. */
  columns?: ColumnProposal[];
  /** File-level issues (featureIndex null). */
  issues: ValidationIssue[];
  items: ImportItem[];
  summary: { total: number; importable: number; withWarnings: number; blocked: number };
  /** Set when the file is a CNIG « Sites économiques » class (src/data/import/cnigFile.ts). */
  cnigClass?: import('./cnigFile').CnigFileClass | null;
  /** A site_eco file: its zones (outlines to attach to the register), and no site item. */
  zones?: import('./cnigFile').ImportedZone[];
}

/** A raw record from the file, before any interpretation. */
export interface RawRecord {
  properties: Record<string, unknown>;
  /** GeoJSON geometry (any CRS), null when absent. */
  geometry: unknown;
  /** The original feature, for structural validation (GeoJSON only). */
  feature?: unknown;
  /** The GeoJSON feature's own `id` member, used when the properties carry no id. */
  featureId?: string | number;
  /** Problems found while reading the record (CSV coordinates, WKT…), French, without prefix. */
  readErrors: { code: string; problem: string }[];
}

/** What a format reader returns. */
export interface Extracted {
  records: RawRecord[];
  /** The declared CRS (GeoJSON `crs` member, EWKT SRID), if any. */
  crsMember: unknown;
  issues: ValidationIssue[];
  /** The whole file is marked fictitious (sample generator: `"fictitious": true` on the collection). */
  fileFictitious?: boolean;
  /** Where crsMember comes from (default: the GeoJSON `crs` member or an EWKT SRID). */
  crsSource?: CrsSource;
  /** Text encoding of binary formats (Shapefile .dbf). */
  encoding?: 'utf-8' | 'windows-1252';
  layers?: ImportLayer[];
  layer?: string | null;
  /** Records are spreadsheet rows: messages say « Ligne N » (header = line 1). */
  rows?: boolean;
}
