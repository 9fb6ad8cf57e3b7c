/**
 * Bench of the site tiles worker's work (src/map/siteTiles/tiler.ts), in Node:
 *
 *   npx tsx scripts/bench-site-tiles.ts [--n 100000] [--runs 5]
 *
 * N fictitious rectangular plots (about 100 × 70 m, as scripts/bench-import.ts imports) spread
 * over the PETR's box, as columns: the time to cut them (`cutSites`: the features from the
 * columns, the draw zooms, the dots of the small polygons, the geojson-vt index) and to encode
 * every tile of the first view (zoom 9, the whole box) and of one zoom-12 view, side by side
 * with the same index built without the dots (geojson-vt on the features alone, as before the
 * dots: the baseline). Prints medians; the last line is a JSON summary.
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature } from 'geojson';
import { mulberry32 } from '../src/domain/sample';
import { fromColumns, toColumns } from '../src/map/siteTiles/columns';
import { SITES_TILE_LAYER, TILE_EXTENT, TILE_MAX_ZOOM, TILE_SIZE } from '../src/map/siteTiles/messages';
import { cutSites, encodeTile } from '../src/map/siteTiles/tiler';
import { formatMs, intArg, median } from './lib/bench';
import { benchSummary } from './lib/benchSummary';

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

function main(): void {
  const columns = toColumns({ type: 'FeatureCollection', features: plots(N) }).columns;
  const views: { label: string; z: number; tiles: [number, number][] }[] = [
    { label: 'first view (zoom 9, the whole box)', z: 9, tiles: tilesOver(9, [3.0, 49.18, 3.65, 49.46]) },
    { label: 'zoom 12 around Soissons', z: 12, tiles: tilesOver(12, [3.25, 49.35, 3.4, 49.42]) },
  ];
  const rows: Record<string, { cut: number[]; encode: number[][]; bytes: number[] }> = {
    dots: { cut: [], encode: views.map(() => []), bytes: views.map(() => 0) },
    'no dots (baseline)': { cut: [], encode: views.map(() => []), bytes: views.map(() => 0) },
  };
  for (let r = 0; r < RUNS; r++) {
    // Alternated: the machine's load weighs on both alike.
    {
      let cut!: ReturnType<typeof cutSites>;
      rows.dots.cut.push(time(() => (cut = cutSites(columns))));
      views.forEach((v, k) => {
        let bytes = 0;
        rows.dots.encode[k].push(time(() => v.tiles.forEach(([x, y]) => (bytes += encodeTile(cut.index, v.z, x, y)?.byteLength ?? 0))));
        rows.dots.bytes[k] = bytes;
      });
    }
    {
      let index!: GeoJSONVT;
      rows['no dots (baseline)'].cut.push(time(() => (index = new GeoJSONVT({ type: 'FeatureCollection', features: fromColumns(columns) }, { maxZoom: TILE_MAX_ZOOM, extent: TILE_EXTENT, buffer: 32 * (TILE_EXTENT / TILE_SIZE), tolerance: 0.375 * (TILE_EXTENT / TILE_SIZE) }))));
      views.forEach((v, k) => {
        let bytes = 0;
        rows['no dots (baseline)'].encode[k].push(
          time(() =>
            v.tiles.forEach(([x, y]) => {
              const tile = index.getTile(v.z, x, y);
              if (tile?.features.length) bytes += fromGeojsonVt({ [SITES_TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT }).byteLength;
            }),
          ),
        );
        rows['no dots (baseline)'].bytes[k] = bytes;
      });
    }
  }
  console.log(`Site tiles — ${N.toLocaleString('en')} plots of about 100 × 70 m, ${RUNS} alternated runs (Node ${process.version})`);
  for (const [label, row] of Object.entries(rows)) {
    console.log(`  ${label.padEnd(20)} cut ${formatMs(median(row.cut))} ms` + views.map((v, k) => `; ${v.label}: ${v.tiles.length} tiles encoded in ${formatMs(median(row.encode[k]))} ms, ${(row.bytes[k] / 1024).toFixed(0)} KiB`).join(''));
  }
  const ratio = median(rows.dots.cut) / median(rows['no dots (baseline)'].cut);
  console.log(`  cut with the dots / without: × ${ratio.toFixed(2)}; first view's tiles: ${(rows.dots.bytes[0] / rows['no dots (baseline)'].bytes[0]).toFixed(2)} × the bytes`);
  out.add({ name: `découpe de ${N} terrains en tuiles (points des petits polygones compris)`, unit: 'ms', median: median(rows.dots.cut) });
  out.add({ name: `tuiles de la première vue (zoom 9), ${N} terrains : encodage`, unit: 'ms', median: median(rows.dots.encode[0]) });
  out.print();
}

main();
