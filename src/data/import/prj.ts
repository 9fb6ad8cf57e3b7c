/**
 * The CRS a Shapefile's .prj declares (ESRI WKT, or OGC WKT 1 / WKT 2 as GDAL writes), as a
 * name the CRS detection understands: « EPSG:2154 » when the WKT carries an EPSG code, else
 * the system's own name (« RGF_1993_Lambert_93 », « GCS_WGS_1984 »…). An unsupported system
 * keeps its name, so the report can say which one it is.
 */
const GEOGRAPHIC = /^(GCS_)?(WGS_?1984|WGS_?84|RGF_?1993|RGF93(_V1)?|ETRS_?1989|ETRS89)$/i;

export function crsNameFromPrj(wkt: string): string | null {
  const s = wkt.trim();
  if (!s) return null;
  // The top-level code is the last ID / AUTHORITY, just before the final bracket.
  const code = /(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(s);
  if (code) return `EPSG:${code[1]}`;
  const head = /^\s*([A-Z]+)\s*\[\s*"([^"]*)"/i.exec(s);
  if (!head) return null;
  const kind = head[1].toUpperCase();
  const name = head[2].trim();
  if ((kind === 'GEOGCS' || kind === 'GEOGCRS' || kind === 'GEODCRS') && GEOGRAPHIC.test(name.replace(/[\s/]+/g, '_'))) return 'EPSG:4326';
  return name.replace(/_/g, ' ') || null;
}
