/**
 * The sites step must not crash the data build while the mapping (fricheToSite) or the
 * distance engine are still stubs that throw "not implemented": it warns and writes what it
 * can. Any other error must surface.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const stubs = vi.hoisted(() => ({ mapping: 'real' as 'real' | 'stub' | 'bug', distances: 'real' as 'real' | 'stub' | 'bug' }));

vi.mock('../../../src/domain/cartofriches', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/domain/cartofriches')>();
  return {
    ...real,
    fricheToSite: (f: Parameters<typeof real.fricheToSite>[0]) => {
      if (stubs.mapping === 'stub') throw new Error('fricheToSite: not implemented yet');
      if (stubs.mapping === 'bug') throw new TypeError('boom');
      return real.fricheToSite(f);
    },
  };
});
vi.mock('../../../src/domain/distances/index', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/domain/distances/index')>();
  return {
    ...real,
    createDistanceCalculator: (n: Parameters<typeof real.createDistanceCalculator>[0]) => {
      if (stubs.distances === 'stub') throw new Error('createDistanceCalculator: not implemented yet');
      if (stubs.distances === 'bug') throw new RangeError('bad index');
      return real.createDistanceCalculator(n);
    },
  };
});

const { buildSites, isNotImplemented } = await import('../../../scripts/lib/sites');

const MINI = path.resolve(__dirname, '../../fixtures/build/sources-mini');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(MINI, f), 'utf8')) as FeatureCollection;
const friches = read('friches/friches.geojson');
const layers: Record<string, FeatureCollection> = {
  friches,
  rn2: read('transport/rn2.geojson'),
  waterway: { type: 'FeatureCollection', features: read('transport/aisne_waterway.geojson').features.filter((f) => f.properties!.kind !== 'river_not_navigable') },
  rail: read('transport/rail_paris_laon.geojson'),
  stations: { type: 'FeatureCollection', features: read('transport/rail_stations.geojson').features.filter((f) => f.properties!.voyageurs === 'O') },
  lgv: read('transport/lgv_interconnexion_est.geojson'),
  roissy: read('transport/roissy_link_reference_points.geojson'),
  ite: read('transport/rail_sidings_ite.geojson'),
};

describe('buildSites with stubs', () => {
  beforeEach(() => {
    stubs.mapping = 'real';
    stubs.distances = 'real';
  });

  it('computes sites with distances when both modules work', async () => {
    const r = await buildSites(friches, layers);
    expect(r.warnings).toEqual([]);
    expect(r.withDistances).toBe(true);
    expect(r.collection.features).toHaveLength(2);
    expect(typeof r.collection.features[0].properties.dist_rn2_m).toBe('number');
  });

  it('distance engine not implemented: sites written without distances, with a warning', async () => {
    stubs.distances = 'stub';
    const r = await buildSites(friches, layers);
    expect(r.withDistances).toBe(false);
    expect(r.collection.features.map((f) => f.properties.id)).toEqual(['02997_1', '02999_2']);
    expect(r.collection.features[0].properties.dist_rn2_m).toBeUndefined();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('sans distances');
  });

  it('mapping not implemented: empty sites with a warning naming fricheToSite', async () => {
    stubs.mapping = 'stub';
    const r = await buildSites(friches, layers);
    expect(r.collection.features).toEqual([]);
    expect(r.warnings[0]).toContain('fricheToSite');
  });

  it('any other error is not swallowed', async () => {
    stubs.mapping = 'bug';
    await expect(buildSites(friches, layers)).rejects.toThrow('boom');
    stubs.mapping = 'real';
    stubs.distances = 'bug';
    await expect(buildSites(friches, layers)).rejects.toThrow('bad index');
  });

  it('isNotImplemented recognises only the stub error', () => {
    expect(isNotImplemented(new Error('fricheToSite: not implemented yet'))).toBe(true);
    expect(isNotImplemented(new Error('other'))).toBe(false);
    expect(isNotImplemented('not implemented')).toBe(false);
  });
});
