/**
 * Import recognises the CNIG files: a site_eco file (GeoJSON or the CSV exchange format) gives
 * zones to attach to the register — never a plot with the zone's id —, a terrain_eco file gives
 * plots with their official values kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/data/import';
import { PACKAGES } from './helpers';

const bytes = (rel: string) => new Uint8Array(fs.readFileSync(path.join(PACKAGES, rel)));

describe('import of CNIG « Sites économiques » files', () => {
  it('site_eco GeoJSON (Lambert-93): zones with a WGS84 outline and their official values, no plot', () => {
    const r = parseImportFile({ name: 'site_eco.geojson', bytes: bytes('valid/epci-fictif-a/site_eco.geojson') });
    expect(r.cnigClass).toBe('site_eco');
    expect(r.items).toEqual([]);
    expect(r.crsUsed).toBe('EPSG:2154');
    expect(r.zones).toHaveLength(1);
    const z = r.zones![0];
    expect(z).toMatchObject({ siteId: 'FICT_SITE-ECO_A', name: 'Zone d’activités fictive des Essais (test)', issues: [] });
    expect(z.geometry?.type).toBe('Polygon');
    const [lon, lat] = (z.geometry as { coordinates: number[][][] }).coordinates[0][0];
    expect(lon).toBeGreaterThan(3.2);
    expect(lat).toBeGreaterThan(49.3);
    expect(z.cnig).toMatchObject({ site_type: "zone d'activité économique", reseau_fret_ferroviaire: 'non', site_moa_type: 'epci' });
  });

  it('site_eco in the CSV exchange format (geometry as GeoJSON text in site_geomsurf)', () => {
    const r = parseImportFile({ name: 'site_eco.csv', bytes: bytes('valid/epci-fictif-b/site_eco.csv') });
    expect(r.cnigClass).toBe('site_eco');
    expect(r.items).toEqual([]);
    expect(r.zones?.map((z) => [z.siteId, z.geometry?.type, z.issues.length])).toEqual([['FICT_SITE-ECO_B', 'Polygon', 0]]);
  });

  it('terrain_eco (CSV exchange format): plots, zone from site_id, finer official values kept in cnig', () => {
    const r = parseImportFile({ name: 'terrain_eco.csv', bytes: bytes('valid/epci-fictif-b/terrain_eco.csv') });
    expect(r.cnigClass).toBe('terrain_eco');
    expect(r.items).toHaveLength(1);
    const p = r.items[0].site!.properties;
    expect(p).toMatchObject({ id: 'FICT_TERRAIN-ECO_101', zone_id: 'FICT_SITE-ECO_B', availability: 'disponible', occupation: 'inoccupe', fictitious: true });
    expect(p.cnig).toMatchObject({ terr_maitrise_fonc: 'structure intercommunale', terr_etat_occup: 'vacant', terr_usage: 'bâti productif' });
    expect(r.issues.filter((i) => i.code === 'unmapped-fields')).toEqual([]);
  });
});
