/**
 * « A zone as a search result » (src/domain/zoneSites.ts) on the real register: the 22 entries of
 * zones_index.csv become results located as precisely as the sources allow, never at an invented
 * point; the Parc du Plateau is « clé en main » from its national label (facts F007, F008).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { buildZones } from '../../../scripts/lib/zones';
import { filterSites } from '../../../src/domain/filters';
import { readinessLevel } from '../../../src/domain/readiness';
import { EMPTY_FILTERS } from '../../../src/domain/types';
import { zoneSites } from '../../../src/domain/zoneSites';
import { HAS_OPENDATA, OPENDATA, readJson } from './helpers';

describe.skipIf(!HAS_OPENDATA)('zones of the register as search results', () => {
  const { zones } = buildZones(
    fs.readFileSync(path.join(OPENDATA, 'zones/zones_index.csv'), 'utf8'),
    fs.readFileSync(path.join(OPENDATA, 'zones/zones_facts.csv'), 'utf8'),
    'zones_index.csv',
    'zones_facts.csv',
  );
  const places = {
    communes: readJson<FeatureCollection>(path.join(OPENDATA, 'admin/communes.geojson')),
    epci: readJson<FeatureCollection>(path.join(OPENDATA, 'admin/epci.geojson')),
    petr: readJson<FeatureCollection>(path.join(OPENDATA, 'admin/petr.geojson')),
  };
  const sites = zoneSites(zones, places);

  it('every one of the 19 zones and sites is a result, located at its commune or its EPCI — never a point; the 3 territory-level groupings are not', () => {
    expect(sites).toHaveLength(19);
    const by = (p: string) => sites.filter((s) => s.properties.location_precision === p).map((s) => s.properties.zone_id);
    expect(by('commune')).toHaveLength(17);
    expect(by('epci').sort()).toEqual(['Z04', 'Z15']);
    expect(by('territoire')).toEqual([]);
    expect(sites.map((s) => s.properties.zone_id).filter((id) => id!.startsWith('T_'))).toEqual([]);
    for (const s of sites) {
      expect(s.geometry.type).not.toBe('Point');
      expect(s.properties.kind).toBe('zone');
      expect(s.properties.dist_rn2_m ?? null).toBeNull();
      expect(s.properties.computed_surface_m2).toBeNull();
    }
  });

  it('the Parc du Plateau: « clé en main » from the national label (July 2020, F007/F008), 140 ha declared in 2014, at Courmelles and Ploisy', () => {
    const z01 = sites.find((s) => s.properties.zone_id === 'Z01')!.properties;
    expect(z01.readiness_label).toMatchObject({ label: 'Site industriel clés en main', date: '2020-07', fact_ids: ['F007', 'F008'] });
    expect(readinessLevel(z01)).toBe('cle_en_main');
    // The checklist itself stays unknown: the two sources of readiness stay apart.
    expect(Object.values(z01.readiness).every((i) => i.status === 'inconnu')).toBe(true);
    expect(z01.declared_surface_m2).toBe(1_400_000);
    expect(z01.zone?.surface_fact).toMatchObject({ fact_id: 'F001', value_ha: 140, date: '2014' });
    expect(z01.zone?.communes).toEqual(['Courmelles', 'Ploisy']);
    expect(z01.commune).toBe('Courmelles');
  });

  it('the « clé en main » filter finds the Courmelles zone, and only labelled zones', () => {
    const hits = filterSites(sites, { ...EMPTY_FILTERS, levels: ['cle_en_main'] });
    expect(hits.map((s) => s.properties.zone_id)).toEqual(['Z01']);
  });

  it('the declared surface feeds the surface filter', () => {
    const big = filterSites(sites, { ...EMPTY_FILTERS, surfaceMin: 1_000_000 });
    expect(big.map((s) => s.properties.zone_id)).toEqual(['Z01']);
  });
});
