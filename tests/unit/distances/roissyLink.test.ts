/**
 * The parts of the rail distance to CDG 2 TGV that the sheet states next to the figure
 * (src/domain/roissyLink.ts): access station → crossing on the Paris–Laon line, + the virgule's
 * 1.5 km (the PETR's « Territoire d'industrie 2023-2027 » application), + LGV → CDG 2 TGV.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ROISSY_LINK_KM } from '../../../src/domain/distances';
import { railToCdgParts, roissyModelFromLayers } from '../../../src/domain/roissyLink';

describe('railToCdgParts', () => {
  it('splits the total: station part = total − virgule − LGV, each to 0.1 km', () => {
    expect(railToCdgParts(87.3, { lgvKm: 21.04, linkKm: 1.5 })).toEqual({ totalKm: 87.3, stationToCrossingKm: 64.8, linkKm: 1.5, lgvKm: 21 });
  });
  it('without a model, only the virgule length is known (1.5 km, the cited figure)', () => {
    expect(railToCdgParts(60.4, null)).toEqual({ totalKm: 60.4, stationToCrossingKm: null, linkKm: ROISSY_LINK_KM, lgvKm: null });
    expect(ROISSY_LINK_KM).toBe(1.5);
  });
  it('never gives a negative station part', () => {
    expect(railToCdgParts(10, { lgvKm: 20, linkKm: 1.5 }).stationToCrossingKm).toBeNull();
  });
  it('an unusable set of layers gives no model (the sheet then states the method without figures)', () => {
    expect(roissyModelFromLayers({})).toBeNull();
  });
});

const BUILT = resolve(__dirname, '../../../public/data');
const IDS = ['rn2', 'waterway', 'rail', 'stations', 'lgv', 'roissy'];
describe.skipIf(!IDS.every((id) => existsSync(join(BUILT, `${id}.geojson`))))('on the built layers (npm run data)', () => {
  it('the parts add up to each site’s figure; Soissons: about 79 km of Paris–Laon (PK 104 to PK 24.6), 1.5 km, about 6 km of LGV', () => {
    const layers: Record<string, FeatureCollection> = {};
    for (const id of IDS) layers[id] = JSON.parse(readFileSync(join(BUILT, `${id}.geojson`), 'utf8')) as FeatureCollection;
    const model = roissyModelFromLayers(layers)!;
    expect(model).not.toBeNull();
    const p = railToCdgParts(87.3, model);
    expect(p.stationToCrossingKm! + p.linkKm + p.lgvKm!).toBeCloseTo(87.3, 0);
    expect(p.stationToCrossingKm!).toBeGreaterThan(75);
    expect(p.stationToCrossingKm!).toBeLessThan(84);
    expect(p.lgvKm!).toBeGreaterThan(4);
    expect(p.lgvKm!).toBeLessThan(10);
  });
});
