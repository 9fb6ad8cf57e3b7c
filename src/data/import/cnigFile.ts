/**
 * Recognises the files of the CNIG « Sites économiques » standard among imports (GeoJSON or the
 * standard's CSV exchange format, geometry as GeoJSON text in site_geomsurf / terr_geomsurf):
 * - a `site_eco` file holds ZONES: its outlines are attached to the zones register (by id or
 *   name, in the Édition tab), never imported as plots;
 * - a `terrain_eco` file holds PLOTS: imported as sites (terr_id, site_id → zone, official
 *   values kept in `cnig`; see toSite.ts).
 * Kept apart from parseImportFile (one call there) so the parse code stays as it is.
 * Pure.
 */
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { detectCrs, reprojectGeometry, samplePositions } from '../../domain/crs';
import { roundGeometry } from '../../domain/roundGeometry';
import type { ValidationIssue } from '../validation/types';
import type { Extracted, ImportResult } from './types';
import { normalizeKey } from './values';

export type CnigFileClass = 'site_eco' | 'terrain_eco';

/** One zone of a site_eco file, ready to be attached to the register. */
export interface ImportedZone {
  index: number;
  /** site_id of the file. */
  siteId: string | null;
  name: string | null;
  /** WGS84 outline, null when unusable (see issues). */
  geometry: Polygon | MultiPolygon | null;
  /** The file's official values (scalars), for the zone's CNIG fields. */
  cnig: Record<string, string | number | null>;
  issues: ValidationIssue[];
}

/** The CNIG class of a file from its columns (and name): null when it is not a CNIG file. */
export function detectCnigClass(fileName: string, records: Extracted['records']): CnigFileClass | null {
  const keys = new Set<string>();
  for (const r of records.slice(0, 20)) for (const k of Object.keys(r.properties)) keys.add(normalizeKey(k));
  if (keys.has('terr_id')) return 'terrain_eco';
  const siteCols = ['site_nom', 'site_type', 'site_vocadomi', 'site_etat', 'site_surf_brute', 'site_epci_siren'].filter((k) => keys.has(k)).length;
  if (keys.has('site_id') && (siteCols >= 2 || /site[_-]?eco/i.test(fileName))) return 'site_eco';
  return null;
}

const scalar = (v: unknown): string | number | null => (typeof v === 'string' ? (v.trim() === '' ? null : v) : typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the zones of a site_eco file (CRS detected like any import, outlines in WGS84). */
export function readSiteEco(fileName: string, extracted: Extracted, crsChoice?: ImportResult['crsUsed']): { zones: ImportedZone[]; crs: ImportResult['crs']; crsUsed: ImportResult['crsUsed'] } {
  const geoms = extracted.records.map((r) => (r.geometry && typeof r.geometry === 'object' ? (r.geometry as Geometry) : null));
  const crs = detectCrs({ crsMember: extracted.crsMember, sampleCoords: samplePositions(geoms.filter((g): g is Geometry => g !== null), 300) });
  const crsUsed = crsChoice ?? crs.crs;
  const zones = extracted.records.map((r, i): ImportedZone => {
    const p = r.properties;
    const siteId = scalar(p.site_id);
    const name = scalar(p.site_nom);
    const label = [siteId, name].filter(Boolean).join(' — ');
    const issues: ValidationIssue[] = [];
    const problem = (code: string, text: string) =>
      issues.push({ level: 'error', code, featureIndex: i, featureLabel: label || null, message: `${fileName}, entité n° ${i + 1}${label ? ` (« ${label} »)` : ''} : ${text}` });
    let geometry: Polygon | MultiPolygon | null = null;
    const g = geoms[i];
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) problem('geometry-type', 'le contour de la zone (polygone) est absent.');
    else if (!crsUsed) problem('crs-unknown', 'système de coordonnées inconnu : choisissez-le.');
    else {
      try {
        geometry = roundGeometry(reprojectGeometry(g, crsUsed, 'EPSG:4326'), 7);
      } catch {
        problem('invalid-geometry', 'coordonnées impossibles à convertir.');
      }
    }
    const cnig: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(p)) {
      const s = scalar(v);
      if (s !== null && !k.startsWith('atlas_') && k !== 'site_geomsurf') cnig[k] = s;
    }
    return { index: i, siteId: siteId === null ? null : String(siteId), name: name === null ? null : String(name), geometry, cnig, issues };
  });
  return { zones, crs, crsUsed };
}
