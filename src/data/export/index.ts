/** Public API of the export module. */
export { toGeoJSON, orderedProperties, PROPERTY_ORDER, type ExportCrs } from './geojson';
export { toCSV, csvCell, CSV_COLUMNS } from './csv';
export {
  toCnigSitesEconomiques,
  terrainEcoProperties,
  siteEcoProperties,
  TERRAIN_ECO_FIELDS,
  SITE_ECO_FIELDS,
  type CnigExport,
  type CnigCollection,
  type CnigFeature,
  type CnigOptions,
} from './cnig';
export { toWkt, exportGeometry, roundGeometry, lonLatOf } from './geometry';
export { downloadBlob } from './download';
export { toZonesGeoJSON, type ZonesGeoJSONOptions, type ZonesGeoJSONResult } from './zones';
