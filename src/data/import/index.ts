/**
 * Public API of the import module: read a GeoJSON/CSV file (parseImportFile), or any
 * supported format incl. Shapefile, GeoPackage, KML/KMZ and Excel (parseImportFiles), detect and convert its CRS,
 * map it onto the Site model and report problems per item before anything is merged.
 */
export { parseImportFile, importableSites, formatMegabytes, buildReport } from './parseImportFile';
export { parseImportFiles } from './parseImportFiles';
export {
  MAX_IMPORT_BYTES,
  type CrsSource,
  type Extracted,
  type ImportFile,
  type ImportFormat,
  type ImportItem,
  type ImportLayer,
  type ImportOptions,
  type ImportResult,
  type RawRecord,
} from './types';
export { COLUMN_TARGETS, isColumnTarget, suggestTarget, columnKey, type ColumnMap, type ColumnProposal, type ColumnTarget } from './columns';
export { loadColumnMemory, rememberColumns, columnChoices } from './columnMemory';
export { toSite, toSiteDetailed, mapProperties, blankSiteProperties, computedSurfaceM2, normalizeGeometry, importedSiteId, type MappedProperties } from './toSite';
export { assignCommune, representativePoint, type CommunesLayer, type CommuneAssignment, type CommuneProperties } from './assignCommune';
export { prepareTerritory, territoryStatus, type TerritoryInput, type TerritoryStatus } from './territory';
export { decodeText, type TextEncodingName } from './decode';
export { parseWkt } from './wkt';
export { detectSeparator } from './csv';
export { detectCnigClass, readSiteEco, type CnigFileClass, type ImportedZone } from './cnigFile';
