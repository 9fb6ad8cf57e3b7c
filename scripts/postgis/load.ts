/**
 * Loads the transport networks into the bench database (scripts/postgis/setup.sh), the same
 * ones the engine uses (loadNetworksFromSources: RN2 carriageways and their gap bridges,
 * navigable waterway, passenger stations, rail siding points), one row per segment so that
 * the index-assisted `<->` ranks segments, not whole lines. Uses psql (no npm dependency).
 */
import { spawnSync } from 'node:child_process';
import type { FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import { defaultSourcesDir, loadNetworksFromSources, resolveTransportDir } from '../../src/domain/distances/node';

export const PG_PORT = process.env.ATLAS_PG_PORT ?? '5433';
export const PSQL = ['-h', '127.0.0.1', '-p', PG_PORT, '-U', 'postgres', '-d', 'atlas_bench', '-v', 'ON_ERROR_STOP=1', '-q'];

export function psql(sql: string, input?: string): string {
  const r = spawnSync('psql', [...PSQL, '-c', sql], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`psql : ${r.stderr || r.error}`);
  return r.stdout;
}

const wkt = (p: Position) => `${p[0]} ${p[1]}`;

function segments(fc: FeatureCollection<LineString | MultiLineString>): { name: string; ewkt: string }[] {
  const out: { name: string; ewkt: string }[] = [];
  for (const f of fc.features) {
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const l of lines) for (let i = 1; i < l.length; i++) out.push({ name: String(f.properties?.name ?? ''), ewkt: `SRID=4326;LINESTRING(${wkt(l[i - 1])},${wkt(l[i])})` });
  }
  return out;
}

const tsv = (v: string) => v.replace(/[\t\n\\]/g, ' ');

function main(): void {
  const dir = [process.env.ATLAS_SOURCES ? `${process.env.ATLAS_SOURCES}` : '', defaultSourcesDir()].find((d) => d && resolveTransportDir(d));
  if (!dir) throw new Error('données de transport introuvables');
  const nets = loadNetworksFromSources(dir);
  const gaps: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: nets.rn2Gaps.map((g) => ({ type: 'Feature', properties: { name: 'gap' }, geometry: { type: 'LineString', coordinates: [g.from_lonlat, g.to_lonlat] } })),
  };
  const points = (fc: FeatureCollection<Point>) =>
    fc.features.map((f) => ({ name: String(f.properties?.name ?? ''), line: String(f.properties?.code_ligne ?? ''), ewkt: `SRID=4326;POINT(${wkt(f.geometry.coordinates)})` }));
  psql(`drop table if exists rn2_seg, rn2_gap, waterway_seg, station, ite;
    create table rn2_seg (name text, geog geography(LineString, 4326));
    create table rn2_gap (name text, geog geography(LineString, 4326));
    create table waterway_seg (name text, geog geography(LineString, 4326));
    create table station (name text, line text, geog geography(Point, 4326));
    create table ite (name text, line text, geog geography(Point, 4326));`);
  const load = (table: string, rows: { name: string; line?: string; ewkt: string }[], withLine = false) =>
    psql(`copy ${table} (name, ${withLine ? 'line, ' : ''}geog) from stdin`, rows.map((r) => `${tsv(r.name)}\t${withLine ? `${tsv(r.line ?? '')}\t` : ''}${r.ewkt}`).join('\n') + '\n');
  load('rn2_seg', segments(nets.rn2));
  load('rn2_gap', segments(gaps));
  load('waterway_seg', segments(nets.waterway));
  load('station', points(nets.stations), true);
  load('ite', points(nets.ite), true);
  psql(`create index on rn2_seg using gist (geog); create index on rn2_gap using gist (geog); create index on waterway_seg using gist (geog);
    create index on station using gist (geog); create index on ite using gist (geog); analyze;`);
  console.log(psql(`select 'rn2 ' || count(*) from rn2_seg union all select 'waterway ' || count(*) from waterway_seg union all select 'stations ' || count(*) from station union all select 'ite ' || count(*) from ite`).trim());
}

if (process.argv[1] && /load\.ts$/.test(process.argv[1])) main();
