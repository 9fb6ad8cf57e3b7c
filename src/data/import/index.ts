/**
 * Public API of the import module: read a GeoJSON/CSV file, detect and convert its CRS,
 * map it onto the Site model and report problems per item before anything is merged.
 */
export { parseImportFile, importableSites, formatMegabytes } from './parseImportFile';
export { MAX_IMPORT_BYTES, type ImportFormat, type ImportItem, type ImportOptions, type ImportResult } from './types';
export { toSite, toSiteDetailed, mapProperties, blankSiteProperties, computedSurfaceM2, normalizeGeometry, importedSiteId, type MappedProperties } from './toSite';
export { assignCommune, representativePoint, type CommunesLayer, type CommuneAssignment, type CommuneProperties } from './assignCommune';
export { prepareTerritory, territoryStatus, type TerritoryInput, type TerritoryStatus } from './territory';
export { decodeText, type TextEncodingName } from './decode';
export { parseWkt } from './wkt';
export { detectSeparator } from './csv';
export { detectCnigClass, readSiteEco, type CnigFileClass, type ImportedZone } from './cnigFile';
