/** Public API of the export module. */
export { toGeoJSON, orderedProperties, PROPERTY_ORDER, type ExportCrs } from './geojson';
export { toCSV, toCSVT, csvCell, CSV_COLUMNS } from './csv';
export { CSV_PRJ, GEOMETRY_SUFFIX, groupByGeometryType, hasMixedGeometries, toCsvZip, toGeoJSONFiles, toGeoPackage, type SiteGeometryType } from './gis';
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
