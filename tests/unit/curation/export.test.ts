import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { CSV_COLUMNS, csvCell, toCSV, toCnigSitesEconomiques, toGeoJSON, toWkt } from '../../../src/data/export';
import { parseImportFile, parseWkt } from '../../../src/data/import';
import { compareWithExisting, diffSites, ROUND_TRIP_TOLERANCE } from '../../../src/domain/diff';
import type { Site, ZoneRecord } from '../../../src/domain/types';
import { expectGolden } from './helpers';
import { validatePackage } from '../../../src/data/publish';
import { rect, sampleSites } from './exportSites';

const reimport = (name: string, text: string) => parseImportFile({ name, bytes: new TextEncoder().encode(text) });

function expectRoundTrip(original: Site[], name: string, text: string) {
  const r = reimport(name, text);
  expect(r.items.map((i) => i.blocked)).toEqual(original.map(() => false));
  original.forEach((s, i) => {
    const back = r.items[i].site!;
    // "Identical": see ROUND_TRIP_TOLERANCE (coordinates within 1e-7°, computed surface
    // within what that can change, every other field strictly equal, metadata ignored).
    expect(diffSites(s, back, ROUND_TRIP_TOLERANCE)).toEqual([]);
    expect(back.properties.updated_at).toBe(s.properties.updated_at);
    expect(back.properties.created_at ?? null).toBe(s.properties.created_at ?? null);
  });
  return r;
}

describe('round trips: export then re-import gives identical sites', () => {
  const sites = sampleSites();

  it('GeoJSON WGS84', () => {
    const text = toGeoJSON(sites);
    const r = expectRoundTrip(sites, 'export.geojson', text);
    expect(r.crs?.crs).toBe('EPSG:4326');
    // Coordinates written with at most 7 decimals; exporting the re-import again gives the same file.
    expect(text).not.toMatch(/\d\.\d{8,}/);
    expect(toGeoJSON(r.items.map((i) => i.site!))).toBe(text);
  });

  it('GeoJSON Lambert-93 (crs member detected on re-import; within 1e-7°)', () => {
    const text = toGeoJSON(sites, { crs: 'EPSG:2154' });
    expect(JSON.parse(text).crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } });
    expect(text).not.toMatch(/\d\.\d{3,}[,\]]/); // 2 decimals in metres
    const r = expectRoundTrip(sites, 'export-l93.geojson', text);
    expect(r.crs).toMatchObject({ crs: 'EPSG:2154', reason: 'crs-member', confidence: 'sure' });
    // And the tolerance is really needed and really met: at most 1e-7° apart.
    const a = (sites[0].geometry as Polygon).coordinates[0];
    const b = (r.items[0].site!.geometry as Polygon).coordinates[0];
    const maxDiff = Math.max(...a.flatMap((p, k) => [Math.abs(p[0] - b[k][0]), Math.abs(p[1] - b[k][1])]));
    expect(maxDiff).toBeLessThanOrEqual(1e-7 + 1e-12);
  });

  it('CSV', () => {
    const text = toCSV(sites);
    const r = expectRoundTrip(sites, 'export.csv', text);
    expect(r.format).toBe('csv');
    expect(r.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(toCSV(r.items.map((i) => i.site!))).toBe(text);
  });

  it('CNIG terrain économique keeps id, name, surfaces, availability, sectors, readiness', () => {
    const { terrainEco, skipped } = toCnigSitesEconomiques(sites, []);
    // The point-only friche cannot be a CNIG terrain (a polygon is required): reported.
    expect(skipped.map((s) => s.id)).toEqual(['RT-3']);
    const polys = sites.filter((s) => s.geometry.type !== 'Point');
    const r = reimport('terrain_eco.geojson', JSON.stringify(terrainEco));
    expect(r.crs?.crs).toBe('EPSG:2154');
    expect(r.issues.filter((i) => i.code === 'unmapped-fields')).toEqual([]);
    polys.forEach((s, i) => {
      const back = r.items[i].site!;
      expect(back.properties).toMatchObject({
        id: s.properties.id,
        name: s.properties.name,
        declared_surface_m2: s.properties.declared_surface_m2,
        availability: s.properties.availability,
        sectors: s.properties.sectors,
        readiness: s.properties.readiness,
        zone_id: s.properties.zone_id,
        fictitious: s.properties.fictitious,
      });
      // Everything else too, except the distances (recomputed by the atlas, not in the standard).
      expect(compareWithExisting([back], new Map([[s.properties.id, s]]))[0]).toEqual({ id: s.properties.id, status: 'identical', changes: [] });
    });
  });
});

describe('CSV format', () => {
  it('is UTF-8 with BOM, `;`, CRLF, `.` decimals, with the documented columns', () => {
    const text = toCSV(sampleSites());
    expect(text.startsWith('\ufeffid;name;kind;')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(6); // header + 4 + final empty
    const header = text.slice(1).split('\r\n')[0].split(';');
    expect(header).toEqual(CSV_COLUMNS.map(([n]) => n));
    expect(header).toEqual(expect.arrayContaining(['declared_surface_ha', 'readiness_level', 'readiness_land_control_status', 'readiness_land_control_date', 'readiness_land_control_source', 'dist_rn2_m', 'rail_km_to_cdg', 'lon', 'lat', 'WKT', 'fictitious']));
    expect(text).toContain(';23950.5;2.39505;');
  });

  it('escapes quotes, separators, line breaks and formula-like text', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvCell('l1\nl2')).toBe('"l1\nl2"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5 ha')).toBe("'-5 ha");
    expect(csvCell("'=déjà")).toBe("''=déjà");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('oui');
  });

  it('golden file for the sample sites', () => {
    expectGolden('export.csv.golden.json', { csv: toCSV(sampleSites()) });
  });
});

describe('WKT', () => {
  it('writes what the importer reads back', () => {
    for (const s of sampleSites()) expect(parseWkt(toWkt(s.geometry))!.geometry).toEqual(s.geometry);
    expect(toWkt({ type: 'Point', coordinates: [3.3, 49.4] })).toBe('POINT (3.3 49.4)');
  });
});

describe('CNIG « Sites économiques »', () => {
  const zone: ZoneRecord = {
    zone_id: 'Z01',
    name: 'Parc d’activités du Plateau',
    kind: "parc d'activités / ZAC (industrie, logistique)",
    communes: ['Courmelles', 'Ploisy'],
    insee: ['02226', '02607'],
    epci_siren: ['240200477'],
    facts: [],
    needs_digitising: false,
    geometry: rect(3.29, 49.34, 0.02, 0.01),
  };
  const noOutline: ZoneRecord = { ...zone, zone_id: 'Z02', name: 'Parc Gouraud', geometry: null, needs_digitising: true };

  it('fills the standard fields it knows and carries the rest as atlas_* fields (golden)', () => {
    const out = toCnigSitesEconomiques(sampleSites(), [zone, noOutline], { producer: 'PETR du Soissonnais et du Valois (test)', date: '2025-06-30' });
    expectGolden('cnig.golden.json', out);
    const t = out.terrainEco.features[0].properties;
    expect(t).toMatchObject({ terr_id: 'RT-1', site_id: 'Z01', terr_surf_brute: 2.3951, terr_etat_occup: 'inoccupé', terr_stade_comm: 'en vente', terr_maitrise_fonc: 'inconnu', terr_m2_prix: 18.5, terr_cle_en_main: 'non', terr_actu_date: '2025-03-01', terr_identif_date: '2025-02-01' });
    expect(out.terrainEco.features[2].properties.terr_cle_en_main).toBe('oui');
    const z = out.siteEco.features[0].properties;
    expect(z).toMatchObject({ site_id: 'Z01', site_nom: 'Parc d’activités du Plateau', site_type: "zone d'activité économique", site_vocadomi: 'inconnu', site_comm_insee: '02226', site_epci_siren: '240200477', site_epci_nom: 'CA GrandSoissons Agglomération', site_surf_comm_dispo: 2.3951, site_uf_nbre: 1, atlas_nb_terrains: 1 });
    expect(out.skipped).toEqual([
      expect.objectContaining({ kind: 'site', id: 'RT-3' }),
      expect.objectContaining({ kind: 'zone', id: 'Z02' }),
    ]);
  });

  it('passes the official schemas and code lists (the only errors: what the atlas cannot know)', () => {
    const out = toCnigSitesEconomiques(sampleSites(), [{ ...zone, cnig: { site_surf_utile: 1.8 } }], { date: '2025-06-30' });
    const r = validatePackage({
      name: 'export',
      files: [
        { name: 'publication.json', text: JSON.stringify({ producteur: { nom: 'Test', siren: '240200477' }, contact: { nom: 'Service', courriel: 'a@example.org' }, date: '2025-06-30', licence: 'Licence Ouverte 2.0', crs: 'EPSG:2154' }) },
        { name: 'site_eco.geojson', text: JSON.stringify(out.siteEco) },
        { name: 'terrain_eco.geojson', text: JSON.stringify(out.terrainEco) },
      ],
    });
    // Plots attached to no zone have no site_id (required): the report asks to attach them.
    const noZone = sampleSites().filter((x) => x.geometry.type !== 'Point' && !x.properties.zone_id).map((x) => x.properties.id);
    expect(r.issues.filter((i) => i.level === 'error').map((i) => [i.code, i.field, i.featureId])).toEqual(noZone.map((id) => ['missing-field', 'site_id', id]));
  });

  it('writes Lambert-93 by default, WGS84 on request', () => {
    const l93 = toCnigSitesEconomiques(sampleSites(), [zone]);
    expect(l93.terrainEco.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } });
    expect((l93.terrainEco.features[0].geometry as Polygon).coordinates[0][0][0]).toBeGreaterThan(700_000);
    const wgs = toCnigSitesEconomiques(sampleSites(), [zone], { crs: 'EPSG:4326' });
    expect(wgs.terrainEco.crs).toBeUndefined();
  });
});
