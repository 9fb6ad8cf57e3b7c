/**
 * KML and KMZ → records, with @tmcw/togeojson (maintained by the author of Mapbox's toGeoJSON;
 * the field's KML reader) on @xmldom/xmldom (a Web Worker has no DOMParser). KML coordinates
 * are always WGS 84 longitude/latitude (OGC KML 2.2), which the report says. A KMZ is a zip
 * whose main document is `doc.kml` (or its first .kml); fflate unzips it.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Geometry, Polygon, Position } from 'geojson';
import { decodeText } from '../decode';
import type { Extracted, RawRecord } from '../types';
import { fileError } from '../issues';

/** Display properties togeojson adds from KML styles: not data. */
const STYLE_KEYS = /^(styleUrl|styleHash|styleMapHash|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|icon-.*|label-.*|visibility|open)$/;

/** KML's MultiGeometry becomes a GeometryCollection: of polygons only, it is a MultiPolygon. */
function simplify(g: Geometry | null): Geometry | null {
  if (!g || g.type !== 'GeometryCollection') return g;
  const parts = g.geometries.map(simplify).filter((x): x is Geometry => x !== null);
  if (parts.length === 1) return parts[0];
  if (parts.length > 0 && parts.every((p) => p.type === 'Polygon' || p.type === 'MultiPolygon')) {
    const polys: Position[][][] = [];
    for (const p of parts) if (p.type === 'Polygon') polys.push((p as Polygon).coordinates);
    else if (p.type === 'MultiPolygon') polys.push(...p.coordinates);
    return { type: 'MultiPolygon', coordinates: polys };
  }
  return { ...g, geometries: parts };
}

export function readKml(text: string, fileName: string): Extracted {
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({ onError: (level, msg) => { if (level === 'fatalError') throw new Error(msg); } }).parseFromString(text, 'text/xml');
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { records: [], crsMember: undefined, issues: [fileError('invalid-kml', `Le fichier « ${fileName} » n’est pas un KML lisible (XML invalide : ${why}).`)] };
  }
  if (!doc.documentElement || doc.documentElement.localName !== 'kml') {
    return { records: [], crsMember: undefined, issues: [fileError('invalid-kml', `Le fichier « ${fileName} » n’est pas un document KML (élément racine « ${doc.documentElement?.localName ?? '?'} »).`)] };
  }
  const fc = kml(doc);
  const records: RawRecord[] = fc.features.map((f) => {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (STYLE_KEYS.test(k)) continue;
      // An HTML description comes as { "@type": "html", value }: keep the text.
      properties[k] = v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v;
    }
    const geometry = simplify(f.geometry);
    return {
      properties,
      geometry,
      featureId: typeof f.id === 'string' || typeof f.id === 'number' ? f.id : undefined,
      readErrors: geometry ? [] : [{ code: 'missing-geometry', problem: 'le repère (Placemark) n’a pas de géométrie.' }],
    };
  });
  return { records, crsMember: 'EPSG:4326', crsSource: 'kml', issues: [] };
}

export function readKmz(bytes: Uint8Array, fileName: string): Extracted {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /\.kml$/i.test(f.name) });
  } catch (e) {
    return { records: [], crsMember: undefined, issues: [fileError('invalid-kmz', `Le fichier « ${fileName} » n’est pas un KMZ lisible (archive ZIP illisible : ${e instanceof Error ? e.message : String(e)}).`)] };
  }
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX'));
  const main = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names.sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (!main) return { records: [], crsMember: undefined, issues: [fileError('invalid-kmz', `Le fichier « ${fileName} » ne contient aucun document KML (doc.kml).`)] };
  return readKml(decodeText(files[main]).text, fileName);
}
