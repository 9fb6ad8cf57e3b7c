/** networksFromLayers: what is kept, how parts are named, and what is refused. */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { createDistanceCalculator, networksFromLayers, waterwayName, NetworkDataError } from '../../../src/domain/distances';
import { loadNetworksFromSources } from '../../../src/domain/distances/node';
import { fixtureLayers, readJson, REAL_SKIP_REASON, REAL_TRANSPORT_DIR } from './helpers';

describe('networksFromLayers', () => {
  const nets = networksFromLayers(fixtureLayers());

  it('keeps navigable waterway parts only, with normalised names', () => {
    expect(nets.waterway.features.map((f) => f.properties!.name)).toEqual([
      'Aisne canalisée',
      "Canal latéral à l'Aisne",
      "Canal de l'Oise à l'Aisne",
      'Aisne canalisée',
    ]);
  });

  it('keeps passenger stations only', () => {
    expect(nets.stations.features.map((f) => f.properties!.name)).toEqual(['Gare Ouest', 'Gare Centre', 'Gare Nord']);
  });

  it('reads the RN2 gaps from metadata.gaps_without_geometry', () => {
    expect(nets.rn2Gaps).toEqual([{ from_lonlat: [3.1, 49.1], to_lonlat: [3.12, 49.1], straight_distance_m: 1459 }]);
  });

  it('refuses an RN2 layer without its gap list (a distance could be silently over-estimated)', () => {
    const layers = fixtureLayers();
    delete (layers.rn2 as { metadata?: unknown }).metadata;
    expect(() => networksFromLayers(layers)).toThrow(NetworkDataError);
    expect(() => networksFromLayers(layers)).toThrow(/lacunes/);
  });

  it('names a missing layer in French', () => {
    const layers = fixtureLayers();
    delete layers.lgv;
    expect(() => networksFromLayers(layers)).toThrow(/Couche « lgv » absente/);
  });

  it('does not modify the input layers', () => {
    const layers = fixtureLayers();
    const before = JSON.stringify(layers);
    networksFromLayers(layers);
    expect(JSON.stringify(layers)).toBe(before);
  });
});

describe('waterwayName', () => {
  it('normalises the raw source names with the rule of SOURCES.md', () => {
    expect(waterwayName({ kind: 'navigable_canal_cut', name: "Canal de Vic-sur-Aisne", ref: 'Aisne canalisée' })).toBe('Aisne canalisée');
    expect(waterwayName({ kind: 'navigable_river_route_way', name: 'Aisne canalisée (OSM way; …)' })).toBe('Aisne canalisée');
    expect(waterwayName({ kind: 'navigable_river', name: "L'Aisne" })).toBe('Aisne canalisée');
    expect(waterwayName({ kind: 'navigable_canal', name: 'Canal de l’Oise à l’Aisne' })).toBe("Canal de l'Oise à l'Aisne");
    expect(waterwayName({ kind: 'navigable_canal', name: "Canal Latéral à l'Aisne" })).toBe("Canal latéral à l'Aisne");
    expect(waterwayName({ kind: 'river_not_navigable', name: "L'Aisne" })).toBeNull();
  });
});

describe.skipIf(!REAL_TRANSPORT_DIR)('real networks', () => {
  it('loads the raw open data: 3 RN2 carriageways, 11 gaps, 93 navigable parts, 29 passenger stations', () => {
    const real = loadNetworksFromSources(REAL_TRANSPORT_DIR!);
    expect(real.rn2.features.length).toBe(3);
    expect(real.rn2Gaps.length).toBe(11);
    expect(real.waterway.features.length).toBe(93); // 114 features − 21 river_not_navigable
    expect(new Set(real.waterway.features.map((f) => f.properties!.name))).toEqual(
      new Set(['Aisne canalisée', "Canal latéral à l'Aisne", "Canal de l'Oise à l'Aisne"]),
    );
    expect(real.stations.features.length).toBe(29);
  });
});
if (!REAL_TRANSPORT_DIR) console.warn(REAL_SKIP_REASON);

const BUILT = resolve(__dirname, '../../../public/data');
const builtPresent = existsSync(join(BUILT, 'rn2.geojson')) && existsSync(join(BUILT, 'waterway.geojson'));
describe.skipIf(!builtPresent)('built files in public/data (npm run data)', () => {
  it('build a calculator that gives the same result as the raw sources', () => {
    const layers: Record<string, FeatureCollection> = {};
    for (const id of ['rn2', 'waterway', 'rail', 'stations', 'lgv', 'roissy', 'ite']) layers[id] = readJson(join(BUILT, `${id}.geojson`));
    const built = createDistanceCalculator(networksFromLayers(layers)).compute({ type: 'Point', coordinates: [3.33, 49.38] });
    expect(built.rn2).not.toBeNull();
    expect(built.station!.name).toBe('Soissons');
    expect(built.rail_km_to_cdg).not.toBeNull();
    if (REAL_TRANSPORT_DIR) {
      const raw = createDistanceCalculator(loadNetworksFromSources(REAL_TRANSPORT_DIR)).compute({ type: 'Point', coordinates: [3.33, 49.38] });
      // The build rounds coordinates; allow a few metres.
      expect(Math.abs(built.rn2!.distance_m - raw.rn2!.distance_m)).toBeLessThan(5);
      expect(Math.abs(built.waterway!.distance_m - raw.waterway!.distance_m)).toBeLessThan(5);
      expect(built.waterway!.name).toBe(raw.waterway!.name);
      expect(Math.abs(built.rail_km_to_cdg! - raw.rail_km_to_cdg!)).toBeLessThan(0.05);
      expect(Math.abs(built.ite!.distance_m - raw.ite!.distance_m)).toBeLessThan(5);
      expect(built.ite!.name).toBe(raw.ite!.name);
      expect(built.ite!.line).toBe(raw.ite!.line);
    }
  });
});
