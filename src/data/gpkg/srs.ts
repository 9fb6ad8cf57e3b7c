/**
 * Definitions of the coordinate systems the atlas writes (OGC WKT 1 with EPSG codes, as
 * `gdalsrsinfo -o wkt1` prints them): GeoPackage `gpkg_spatial_ref_sys` rows and the `.prj`
 * sidecar of CSV exports, so GDAL and QGIS know the CRS without being told.
 */
export const SRS_WKT: Record<'EPSG:4326' | 'EPSG:2154', { id: number; name: string; wkt: string }> = {
  'EPSG:4326': {
    id: 4326,
    name: 'WGS 84 geodetic',
    wkt: 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
  },
  'EPSG:2154': {
    id: 2154,
    name: 'RGF93 v1 / Lambert-93',
    wkt: 'PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",DATUM["Reseau_Geodesique_Francais_1993_v1",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6171"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4171"]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",46.5],PARAMETER["central_meridian",3],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","2154"]]',
  },
};
