/**
 * The « Publier » package: what the atlas writes passes the data build's validator, round-trips
 * (published → republished gives the same plots and figures), is marked fictitious when it holds
 * fictitious plots, and zips as <folder>/<file>.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildPackage, publishedToAtlas, validatePackage, zipPackage, type PublicationMeta } from '../../../src/data/publish';
import type { CommunesLayer } from '../../../src/data/import';
import { HAS_OPENDATA, OPENDATA, readFolder, readJson } from './helpers';

describe.skipIf(!HAS_OPENDATA)('buildPackage', () => {
  const communes = readJson<CommunesLayer>(path.join(OPENDATA, 'admin/communes.geojson'));
  const petr = readJson<FeatureCollection<Polygon | MultiPolygon>>(path.join(OPENDATA, 'admin/petr.geojson'));
  const source = publishedToAtlas(readFolder('valid').map((p) => validatePackage(p, { territory: petr })), [], communes);
  const siren = source.plots[0].properties.epci_siren!;
  const meta: PublicationMeta = {
    producteur: { nom: source.plots[0].properties.epci_name!, siren },
    contact: { nom: 'Service économique (test)', courriel: 'foncier@example.org', telephone: null, page_web: null },
    date: '2026-02-01',
    licence: 'Licence Ouverte 2.0 (Etalab)',
    crs: 'EPSG:2154',
  };
  const pkg = buildPackage(source.plots, source.zones, meta);

  it('writes the EPCI’s plots and outlined zones, valid for the data build', () => {
    const mine = source.plots.filter((p) => p.properties.epci_siren === siren).map((p) => p.properties.id);
    expect(pkg.siteIds.sort()).toEqual(mine.sort());
    expect(pkg.files.map((f) => f.name)).toEqual(expect.arrayContaining(['publication.json', 'terrain_eco.geojson']));
    const r = validatePackage(pkg, { territory: petr });
    expect(r.issues.filter((i) => i.level === 'error')).toEqual([]);
  });

  it('round-trips: republished plots keep their values and the zone its L318-8-2 figures', () => {
    const again = publishedToAtlas([validatePackage(pkg, { territory: petr })], [], communes);
    const a = source.plots.find((p) => p.properties.id === 'FICT_TERRAIN-ECO_002')!.properties;
    const b = again.plots.find((p) => p.properties.id === 'FICT_TERRAIN-ECO_002')!.properties;
    expect(b).toMatchObject({ availability: a.availability, occupation: a.occupation, declared_surface_m2: a.declared_surface_m2, zone_id: a.zone_id, fictitious: true });
    expect(b.cnig?.terr_stade_comm).toBe('en vente avec contraintes');
    expect(b.cnig?.terr_etat_occup).toBe('vacant');
    const zA = again.zones.find((z) => z.zone_id === 'FICT_SITE-ECO_A');
    expect(pkg.zoneIds).toContain('FICT_SITE-ECO_A');
    expect(zA!.inventory).toMatchObject({ units: 4, vacant_units: 2, vacancy_rate: 0.5, available_surface_ha: 3.7 });
  });

  it('a package holding fictitious plots is marked atlas_fictif', () => {
    expect(pkg.fictitious).toBe(true);
    expect(JSON.parse(pkg.files[0].text).atlas_fictif).toBe(true);
  });

  it('zips as <folder>/<file>', async () => {
    const files = unzipSync(await zipPackage(pkg));
    expect(Object.keys(files).sort()).toEqual(pkg.files.map((f) => `${pkg.name}/${f.name}`).sort());
    expect(strFromU8(files[`${pkg.name}/publication.json`])).toBe(pkg.files[0].text);
    expect(pkg.name).toMatch(new RegExp(`^${siren}-`));
  });
});
