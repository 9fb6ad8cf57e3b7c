/**
 * Exports with drafted zone outlines: the CNIG « Sites économiques » export gets the zone
 * as a SITE-ECO feature and its plots point to it (site_id); « GeoJSON des zones » writes the
 * outlined zones with the computed surface next to the sourced one (golden).
 */
import { describe, expect, it } from 'vitest';
import { toCnigSitesEconomiques, toZonesGeoJSON } from '../../../src/data/export';
import { applyZoneDrafts } from '../../../src/domain/zoneDrafts';
import { attachToZones } from '../../../src/domain/zones';
import { attachSites, expectGolden, outlineZT1, register } from './helpers';

const zones = () => applyZoneDrafts(register(), [{ zone_id: 'ZT1', geometry: outlineZT1(), updated_at: '2025-06-01T09:00:00.000Z' }]);

describe('exports with drafted zone outlines', () => {
  it('CNIG: the drafted zone is a SITE-ECO feature, its plots carry its site_id, zones without outline are skipped', () => {
    const z = zones();
    const sites = attachToZones(attachSites(), z);
    const out = toCnigSitesEconomiques(sites, z, { crs: 'EPSG:4326' });
    expect(out.siteEco.features.map((f) => f.properties.site_id)).toEqual(['ZT1']);
    const zt1 = out.siteEco.features[0].properties;
    expect(zt1.site_nom).toBe('Zone test des Essais');
    // 0.02° × 0.02° at 49.36° N ≈ 1.45 km × 2.22 km ≈ 323 ha.
    expect(zt1.site_surf_brute).toBeGreaterThan(300);
    expect(zt1.site_surf_brute).toBeLessThan(340);
    expect(zt1.atlas_nb_terrains).toBe(4); // polygon-inside + the three points attached (points are counted, not exported as terrains)
    const terrains = out.terrainEco.features.map((f) => [f.properties.terr_id, f.properties.site_id]);
    expect(terrains).toEqual([
      ['polygon-inside', 'ZT1'],
      ['polygon-mostly-outside', null],
    ]);
    expect(out.skipped.filter((s) => s.kind === 'zone').map((s) => s.id)).toEqual(['ZT2', 'T_TEST']);
  });

  it('GeoJSON des zones (golden): outlined zones only, WGS 84, computed and sourced surfaces side by side', () => {
    const out = toZonesGeoJSON(zones(), { draftIds: ['ZT1'] });
    expect(out.count).toBe(1);
    expect(out.skipped.map((s) => s.id)).toEqual(['ZT2', 'T_TEST']);
    const parsed = JSON.parse(out.text) as { features: { properties: Record<string, unknown> }[] };
    expect(parsed.features[0].properties).toMatchObject({ zone_id: 'ZT1', surface_source: '300 ha (2014)', perimetre_brouillon: true });
    expectGolden('zones-export.golden.geojson', parsed);
    expect(JSON.parse(toZonesGeoJSON(register()).text).features).toEqual([]);
  });
});
