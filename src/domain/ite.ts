/**
 * Rail sidings (installations terminales embranchées, ITE) of SNCF Réseau: the records of
 * rail_sidings_ite.geojson grouped by point. Several records often share one connection point
 * (several sidings on one connection: 49 records at 26 points in the source); the map, the
 * distances and the sheet speak of connection points, so records at the same coordinates
 * become one feature that keeps the SNCF attributes and counts its records.
 *
 * Pure: no I/O. Used by the data build (ite.geojson) and by the distance engine, so that raw
 * source files and built files give the same network.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';

/** Properties of one grouped siding point. */
export interface IteProperties {
  /** SNCF station or place the siding depends on (e.g. « Crouy »); distinct values joined by « / ». */
  name: string;
  /** SNCF line code (e.g. « 229000 »); distinct values joined by « / ». */
  code_ligne: string;
  /** Kilometre point(s) on the line (« 108+490 »); distinct values joined by « / ». */
  pk: string;
  /** True when the point lies inside the PETR (as computed by the source extraction). */
  in_petr: boolean;
  /** Number of SNCF records (sidings) at this point. */
  records: number;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

function joinDistinct(values: string[]): string {
  return [...new Set(values.filter((v) => v !== ''))].join(' / ');
}

/**
 * Groups siding records by identical coordinates, in order of first appearance. Features
 * without a usable point are skipped (the data build validates them before).
 */
export function groupSidings(fc: FeatureCollection): FeatureCollection<Point, IteProperties> {
  const groups = new Map<string, { coords: [number, number]; props: Record<string, unknown>[] }>();
  for (const f of fc.features) {
    const g = f?.geometry;
    if (!g || g.type !== 'Point') continue;
    const [lon, lat] = g.coordinates;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    const key = `${lon},${lat}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { coords: [lon, lat], props: [] }));
    group.props.push((f.properties ?? {}) as Record<string, unknown>);
  }
  const features: Feature<Point, IteProperties>[] = [];
  for (const { coords, props } of groups.values()) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: coords },
      properties: {
        name: joinDistinct(props.map((p) => text(p.name))),
        code_ligne: joinDistinct(props.map((p) => text(p.code_ligne))),
        pk: joinDistinct(props.map((p) => text(p.pk))),
        in_petr: props.some((p) => p.in_petr === true),
        records: props.reduce((n, p) => n + (Number.isInteger(p.records) && (p.records as number) > 0 ? (p.records as number) : 1), 0),
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
