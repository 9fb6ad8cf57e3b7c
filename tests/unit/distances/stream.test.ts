/**
 * Streaming input of the distances CLI: the structural splitter (scripts/lib/geojsonStream.ts)
 * on every supported layout, cut into chunks at every position, and the CLI end to end on
 * newline-delimited GeoJSON, GeoJSON Text Sequences (RFC 8142) and standard input.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { GeoJsonSplitter, StreamSyntaxError, type StreamEvent } from '../../../scripts/lib/geojsonStream';
import { createDistanceCalculator, networksFromLayers } from '../../../src/domain/distances';
import { annotateCollection } from '../../../src/domain/distances/annotate';
import { FIXTURES, fixtureLayers, readJson } from './helpers';

function split(text: string, chunk = Infinity): StreamEvent[] {
  const events: StreamEvent[] = [];
  const s = new GeoJsonSplitter((e) => events.push(e));
  if (chunk === Infinity) s.push(text);
  else for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
  s.end();
  return events;
}

const FC =
  '\uFEFF{"type":"FeatureCollection","name":"a {tricky} \\"name\\" [x]","crs":{"type":"name","properties":{"name":"EPSG:4326"}},' +
  '"features":[ {"type":"Feature","properties":{"n":"}{][\\\\"},"geometry":{"type":"Point","coordinates":[3.1,49.2]}} ,\n' +
  '{"type":"Feature","properties":null,"geometry":null}, null ],"bbox":[1,2,3,4],"x":true}';

describe('GeoJsonSplitter', () => {
  it('a FeatureCollection: members before and after the features, each feature whole, whatever the chunk size', () => {
    const whole = split(FC.slice(1));
    for (const size of [1, 2, 3, 7, 64]) expect(split(FC.slice(1), size)).toEqual(whole);
    expect(whole.map((e) => e.kind)).toEqual(['member', 'member', 'member', 'features-start', 'feature', 'feature', 'feature', 'member', 'member']);
    const members = whole.filter((e) => e.kind === 'member') as Extract<StreamEvent, { kind: 'member' }>[];
    expect(members.map((m) => [m.key, JSON.parse(m.raw), m.beforeFeatures])).toEqual([
      ['type', 'FeatureCollection', true],
      ['name', 'a {tricky} "name" [x]', true],
      ['crs', { type: 'name', properties: { name: 'EPSG:4326' } }, true],
      ['bbox', [1, 2, 3, 4], false],
      ['x', true, false],
    ]);
    const feats = whole.filter((e) => e.kind === 'feature').map((e) => JSON.parse((e as { raw: string }).raw));
    expect(feats[0].properties.n).toBe('}{][\\');
    expect(feats[1].geometry).toBeNull();
    expect(feats[2]).toBeNull();
  });

  it('newline-delimited GeoJSON and RFC 8142 sequences: one record per value', () => {
    const f = (i: number) => JSON.stringify({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [3, 49] } });
    const nd = `${f(1)}\n${f(2)}\n\n${f(3)}\n`;
    for (const size of [1, 5, Infinity]) {
      const records = split(nd, size).filter((e) => e.kind === 'record') as Extract<StreamEvent, { kind: 'record' }>[];
      expect(records.map((e) => JSON.parse(e.raw).properties.i)).toEqual([1, 2, 3]);
    }
    const seq = `\u001e${f(1)}\n\u001e${f(2)}\n`;
    const events = split(seq, 3).filter((e) => e.kind === 'record') as Extract<StreamEvent, { kind: 'record' }>[];
    expect(events.map((e) => e.separator)).toEqual(['rs', 'rs']);
  });

  it('refuses text that is not JSON, and a truncated file, with the position', () => {
    expect(() => split('ceci n’est pas du JSON {')).toThrow(StreamSyntaxError);
    expect(() => split('{"type":"FeatureCollection","features":[{"type":"Feature"')).toThrow(/tronqué/);
    expect(() => split('   ')).toThrow(/vide/);
  });

  it('keeps its buffer small on a long collection (it does not hold the whole text)', () => {
    const feature = JSON.stringify({ type: 'Feature', properties: { name: 'x'.repeat(200) }, geometry: { type: 'Point', coordinates: [3.1, 49.2] } });
    const chunk = Array.from({ length: 1000 }, () => feature).join(',');
    let maxBuffer = 0;
    let n = 0;
    const s = new GeoJsonSplitter((e) => {
      if (e.kind === 'feature') n++;
    });
    s.push('{"type":"FeatureCollection","features":[');
    for (let k = 0; k < 40; k++) {
      s.push((k ? ',' : '') + chunk);
      maxBuffer = Math.max(maxBuffer, (s as unknown as { buf: string }).buf.length);
    }
    s.push(']}');
    s.end();
    expect(n).toBe(40_000);
    expect(maxBuffer).toBeLessThan(3 * chunk.length); // ~9 MB of text went through a buffer of a few hundred kB
  });
});

const ROOT = resolve(__dirname, '../../..');
const NETWORKS = join(FIXTURES, 'networks');
function runCli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/distances.ts'), ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI streaming formats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'distances-stream-'));
  const sites = readJson<FeatureCollection>(join(FIXTURES, 'sites.in.geojson'));
  const expected = annotateCollection(sites, createDistanceCalculator(networksFromLayers(fixtureLayers()))).output.features.map((f) => f.properties);

  it('newline-delimited GeoJSON in → the same format out, with the same distances as the whole-file path', () => {
    const input = join(dir, 'sites.geojsonl');
    writeFileSync(input, sites.features.map((f) => JSON.stringify(f)).join('\n') + '\n');
    const out = join(dir, 'out.geojsonl');
    const r = runCli(['--in', input, '--out', out, '--sources', NETWORKS]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((f) => f.properties)).toEqual(expected);
    expect(lines[0].properties).toHaveProperty('dist_ite_m');
  });

  it('RFC 8142 sequence from standard input → a sequence on standard output', () => {
    const input = sites.features.slice(0, 3).map((f) => `\u001e${JSON.stringify(f)}\n`).join('');
    const r = runCli(['--in', '-', '--sources', NETWORKS], input);
    expect(r.code, r.stderr).toBe(0);
    const records = r.stdout.split('\u001e').filter(Boolean).map((t) => JSON.parse(t));
    expect(records.map((f) => f.properties)).toEqual(expected.slice(0, 3));
    expect(r.stderr).toContain('3 entité(s) lue(s)');
  });

  it('a FeatureCollection written as newline-delimited GeoJSON on request (--format ndjson)', () => {
    const r = runCli(['--in', join(FIXTURES, 'sites.in.geojson'), '--format', 'ndjson', '--sources', NETWORKS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).properties)).toEqual(expected);
  });

  it('a single Feature in → a FeatureCollection of that feature out (its own members stay inside it)', () => {
    const r = runCli(['--in', '-', '--sources', NETWORKS], JSON.stringify(sites.features[0]));
    expect(r.code, r.stderr).toBe(0);
    const fc = JSON.parse(r.stdout);
    expect(Object.keys(fc)).toEqual(['type', 'features']);
    expect(fc.features[0].properties).toEqual(expected[0]);
  });

  it('a broken line of a sequence is named and skipped; the others are measured', () => {
    const input = join(dir, 'broken.ndjson');
    writeFileSync(input, `${JSON.stringify(sites.features[0])}\n{"type":"Feature","properties":{"id":"X"},"geometry":{"type":"Point","coordinates":[3,49,]}}\n${JSON.stringify(sites.features[1])}\n`);
    const r = runCli(['--in', input, '--sources', NETWORKS]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/entité n° 2 : JSON invalide/);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});
