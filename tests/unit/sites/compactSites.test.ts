/**
 * The compact sites file (src/data/compactSites.ts) gives back exactly the GeoJSON it was made
 * from: same properties, same key order, fresh objects per site. The page reads it instead of
 * sites.geojson, so any difference would show as a wrong value on a sheet or in an export.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection } from 'geojson';
import { compactName, compactSites, expandSites, isCompactSites } from '../../../src/data/compactSites';
import { fricheToSite, type CartofrichesFeature } from '../../../src/domain/cartofriches';
import { readJson } from './helpers';

const DIR = join(__dirname, '../../fixtures/sites/cartofriches');

/** Fictitious Cartofriches records of the fixtures, mapped as the data build maps them. */
function fixtureSites(): FeatureCollection {
  const features = readdirSync(DIR)
    .filter((f) => f.endsWith('.in.json'))
    .map((f) => fricheToSite(readJson<CartofrichesFeature>(join(DIR, f))) as unknown as Feature);
  return { type: 'FeatureCollection', features };
}

const roundTrip = (fc: FeatureCollection) => expandSites(JSON.parse(JSON.stringify(compactSites(fc))) as ReturnType<typeof compactSites>);
const propsText = (fc: FeatureCollection) => JSON.stringify(fc.features.map((f) => f.properties));

describe('compact sites file', () => {
  it('gives back the sites of the Cartofriches fixtures exactly (values and key order)', () => {
    const fc = fixtureSites();
    expect(fc.features.length).toBeGreaterThan(3);
    const c = compactSites(fc);
    expect(isCompactSites(JSON.parse(JSON.stringify(c)))).toBe(true);
    const back = roundTrip(fc);
    expect(propsText(back)).toBe(propsText(fc));
    expect(back.features.map((f) => JSON.stringify(f.geometry))).toEqual(fc.features.map((f) => JSON.stringify(f.geometry)));
  });

  it('is smaller when many sites share their defaults (the ~24,000 national friches: 412 bytes a site against 1,912)', () => {
    const one = fixtureSites().features;
    const features = Array.from({ length: 200 }, (_, i) => {
      const f = one[i % one.length];
      return { ...f, properties: { ...f.properties, id: `s${i}` } };
    });
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    expect(propsText(roundTrip(fc))).toBe(propsText(fc));
    expect(JSON.stringify(compactSites(fc)).length).toBeLessThan(JSON.stringify(fc).length * 0.9);
  });

  it('keeps the odd ones: a key missing on one site, null in place of an object, an extra key, arrays', () => {
    const base = { id: 'a', name: 'A', kind: 'plot', readiness: { planning: { status: 'inconnu', note: null } }, sectors: [], details: { x: 1, raw: {} } };
    const features: Feature[] = [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3, 49] }, properties: { ...base } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.1, 49] }, properties: { ...base, id: 'b', sectors: ['logistique'] } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.2, 49] }, properties: { ...base, id: 'c', details: null } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.3, 49] }, properties: { id: 'd', name: 'D', kind: 'plot', readiness: { planning: { status: 'favorable', note: 'PLU' } }, sectors: [], details: { x: 1, raw: { y: 2 } } } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.4, 49] }, properties: { ...base, id: 'e', readiness: { planning: { status: 'inconnu', note: null, extra: true } } } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.5, 49] }, properties: { id: 'f', kind: 'plot', name: 'F', readiness: { planning: { note: null, status: 'inconnu' } }, sectors: [], details: { raw: {}, x: 1 } } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.6, 49] }, properties: null },
    ];
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    expect(propsText(roundTrip(fc))).toBe(propsText(fc));
  });

  it('gives every site its own objects (editing one site never changes another)', () => {
    const fc = fixtureSites();
    const back = roundTrip(fc);
    const [a, b] = back.features.map((f) => f.properties as { readiness: Record<string, { status: string }>; sectors: string[] });
    expect(a.readiness).not.toBe(b.readiness);
    const k = Object.keys(a.readiness)[0];
    expect(a.readiness[k]).not.toBe(b.readiness[k]);
    expect(a.sectors).not.toBe(b.sectors);
  });

  it('names the copy after the GeoJSON file', () => {
    expect(compactName('sites.geojson')).toBe('sites.compact.json');
  });
});
