/**
 * Bench of the site tiles worker's work (src/map/siteTiles/tiler.ts), in Node:
 *
 *   npx tsx scripts/bench-site-tiles.ts [--n 100000] [--runs 5]
 *
 * N fictitious rectangular plots (about 100 × 70 m, as scripts/bench-import.ts imports) spread
 * over the PETR's box, as columns: the time to cut them (`cutSites`: the features from the
 * columns, the draw zooms, the dots of the small polygons, the geojson-vt index) and to encode
 * every tile of the first view (zoom 9, the whole box) and of one zoom-12 view, side by side
 * with the same cut all in geojson-vt (the dots' points too, as before ./pointTiles.ts) and the
 * cut without the dots (the draw zooms and `featureIndex` of the features alone, as before the
 * dots: the baseline). Then N fictitious point sites over France: the cut and the tiles of the
 * first view (zoom 5) and of zoom 9, with the points in kdbush (cutSites) and in geojson-vt, both
 * encoded by encodeTile (src/map/siteTiles/encode.ts), and in geojson-vt encoded by vt-pbf (as
 * before both). One untimed round first (warm-up). Prints medians; the last line is a JSON summary.
 */
import type { Feature } from 'geojson';
import { mulberry32 } from '../src/domain/sample';
import { siteDrawZooms } from '../src/map/drawZooms';
import { fromColumns, toColumns } from '../src/map/siteTiles/columns';
import type { SiteColumns } from '../src/map/siteTiles/messages';
import { cutSites, encodeTile, featureIndex, geojsonVtIndex, type SiteIndex } from '../src/map/siteTiles/tiler';
import { formatMs, intArg, median } from './lib/bench';
import { benchSummary } from './lib/benchSummary';
import { vtPbfTile } from './lib/vtPbfTile';

const N = intArg('--n', 100_000);
const RUNS = intArg('--runs', 5);
const out = benchSummary('site-tiles');

function plots(n: number): Feature[] {
  const rnd = mulberry32(13);
  const features: Feature[] = [];
  for (let i = 0; i < n; i++) {
    const lon = 3.0 + rnd() * 0.65;
    const lat = 49.18 + rnd() * 0.28;
    const [w, h] = [0.0014, 0.0006];
    features.push({
      type: 'Feature',
      properties: { id: `BENCH-${i}`, name: `Terrain fictif ${i}`, kind: 'plot', _level: i % 3 ? 'disponible' : 'inconnu', fictitious: true, _fid: i + 1 },
      geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]] },
    });
  }
  return features;
}

/** The tiles (x, y) at zoom z covering a lon/lat box. */
function tilesOver(z: number, [w, s, e, n]: number[]): [number, number][] {
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  const out: [number, number][] = [];
  for (let x = tx(w); x <= tx(e); x++) for (let y = ty(n); y <= ty(s); y++) out.push([x, y]);
  return out;
}

const time = (fn: () => void): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

/** N fictitious point sites spread over metropolitan France (as the national friches of the 100k load). */
function points(n: number): Feature[] {
  const rnd = mulberry32(17);
  const features: Feature[] = [];
  for (let i = 0; i < n; i++) {
    features.push({
      type: 'Feature',
      properties: { id: `BENCH-P-${i}`, name: `Friche fictive ${i}`, kind: 'friche', _status: i % 4 ? 'friche sans projet' : 'friche avec projet', fictitious: true, _fid: i + 1 },
      geometry: { type: 'Point', coordinates: [-4.5 + rnd() * 12.5, 42.5 + rnd() * 8.5] },
    });
  }
  return features;
}

interface View {
  label: string;
  z: number;
  tiles: [number, number][];
}

interface Row {
  cut: number[];
  encode: number[][];
  bytes: number[];
}

/**
 * Each way cuts the columns into an index, then each view's tiles are encoded from it: one round
 * untimed (warm-up), then RUNS rounds, the ways alternated (the machine's load weighs on all alike).
 */
/** A way: the cut, and the encoding of a tile (encodeTile's unless given). */
type Way = () => SiteIndex | { index: SiteIndex; encode: (index: SiteIndex, z: number, x: number, y: number) => Uint8Array | ArrayBuffer | null };

function measure(views: View[], ways: Record<string, Way>): Record<string, Row> {
  const rows: Record<string, Row> = {};
  for (const label of Object.keys(ways)) rows[label] = { cut: [], encode: views.map(() => []), bytes: views.map(() => 0) };
  for (let r = -1; r < RUNS; r++) {
    for (const [label, cut] of Object.entries(ways)) {
      let way!: ReturnType<Way>;
      const t = time(() => (way = cut()));
      const { index, encode: encodeWith } = 'parts' in way ? { index: way, encode: encodeTile } : way;
      const encode = views.map((v) => {
        let bytes = 0;
        const ms = time(() => v.tiles.forEach(([x, y]) => (bytes += encodeWith(index, v.z, x, y)?.byteLength ?? 0)));
        return { ms, bytes };
      });
      if (r < 0) continue;
      rows[label].cut.push(t);
      encode.forEach((e, k) => {
        rows[label].encode[k].push(e.ms);
        rows[label].bytes[k] = e.bytes;
      });
    }
  }
  for (const [label, row] of Object.entries(rows)) {
    console.log(`  ${label.padEnd(26)} cut ${formatMs(median(row.cut))} ms` + views.map((v, k) => `; ${v.label}: ${v.tiles.length} tiles encoded in ${formatMs(median(row.encode[k]))} ms, ${(row.bytes[k] / 1024).toFixed(0)} KiB`).join(''));
  }
  return rows;
}

/** What cutSites did before the points went to kdbush (./pointTiles.ts): every part in geojson-vt. */
function cutWithGeojsonVtOnly(columns: SiteColumns): SiteIndex {
  const features = fromColumns(columns);
  siteDrawZooms(features);
  return geojsonVtIndex(features);
}

function main(): void {
  const plotColumns = toColumns({ type: 'FeatureCollection', features: plots(N) }).columns;
  console.log(`Site tiles — ${N.toLocaleString('en')} plots of about 100 × 70 m, ${RUNS} alternated runs (Node ${process.version})`);
  // Without the dots: the draw zooms and one index of the features as they are, for every zoom (what
  // cutSites did before them).
  const plotRows = measure(
    [
      { label: 'first view (zoom 9, the whole box)', z: 9, tiles: tilesOver(9, [3.0, 49.18, 3.65, 49.46]) },
      { label: 'zoom 12 around Soissons', z: 12, tiles: tilesOver(12, [3.25, 49.35, 3.4, 49.42]) },
    ],
    {
      dots: () => cutSites(plotColumns).index,
      'dots, geojson-vt only': () => cutWithGeojsonVtOnly(plotColumns),
      'no dots (baseline)': () => {
        const features = fromColumns(plotColumns);
        siteDrawZooms(features);
        return { parts: [{ index: featureIndex(features), minZoom: 0, maxZoom: Infinity }] };
      },
    },
  );
  const dots = plotRows.dots;
  const noDots = plotRows['no dots (baseline)'];
  console.log(`  cut with the dots / without: × ${(median(dots.cut) / median(noDots.cut)).toFixed(2)}; first view's tiles: ${(dots.bytes[0] / noDots.bytes[0]).toFixed(2)} × the bytes`);
  console.log(`  dots' points in kdbush / in geojson-vt: cut × ${(median(dots.cut) / median(plotRows['dots, geojson-vt only'].cut)).toFixed(2)}`);

  const pointColumns = toColumns({ type: 'FeatureCollection', features: points(N) }).columns;
  console.log(`Site tiles — ${N.toLocaleString('en')} point sites over France, ${RUNS} alternated runs`);
  const pointRows = measure(
    [
      { label: 'first view (zoom 5, France)', z: 5, tiles: tilesOver(5, [-4.5, 42.5, 8.0, 51.0]) },
      { label: 'zoom 9 around Soissons', z: 9, tiles: tilesOver(9, [3.0, 49.18, 3.65, 49.46]) },
    ],
    {
      'points in kdbush': () => cutSites(pointColumns).index,
      'points in geojson-vt': () => cutWithGeojsonVtOnly(pointColumns),
      'geojson-vt and vt-pbf': () => ({ index: cutWithGeojsonVtOnly(pointColumns), encode: vtPbfTile }),
    },
  );
  const kd = pointRows['points in kdbush'];
  const vt = pointRows['points in geojson-vt'];
  const before = pointRows['geojson-vt and vt-pbf'];
  const total = (r: Row) => median(r.cut) + median(r.encode[0]);
  console.log(`  kdbush / geojson-vt: cut × ${(median(kd.cut) / median(vt.cut)).toFixed(2)}, cut + first view's tiles × ${(total(kd) / total(vt)).toFixed(2)}; kdbush and encode.ts / geojson-vt and vt-pbf (before): × ${(total(kd) / total(before)).toFixed(2)}`);

  out.add({ name: `découpe de ${N} terrains en tuiles (points des petits polygones compris)`, unit: 'ms', median: median(dots.cut) });
  out.add({ name: `tuiles de la première vue (zoom 9), ${N} terrains : encodage`, unit: 'ms', median: median(dots.encode[0]) });
  out.add({ name: `découpe de ${N} sites ponctuels en tuiles`, unit: 'ms', median: median(kd.cut) });
  out.add({ name: `tuiles de la première vue (zoom 5), ${N} sites ponctuels : encodage`, unit: 'ms', median: median(kd.encode[0]) });
  out.print();
}

main();
