import { describe, expect, it, vi } from 'vitest';
import type { DataManifest, LayerManifestEntry } from '../../../src/domain/types';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));

const { attributionEntries, IGN_ATTRIBUTION } = await import('../../../src/map/controls/attribution');
const { roundView, sameView, bboxOf } = await import('../../../src/map/view');
const { connectorFeatures } = await import('../../../src/map/connectors');
const { formatKm, formatSurface } = await import('../../../src/map/popups');

function entry(id: string, attribution: string, date: string): LayerManifestEntry {
  return { id, file: `${id}.geojson`, title: id, producer: '', licence: '', licence_url: null, date, source_url: null, attribution, count: 1, bytes: 1, sha256: '' };
}

const manifest: DataManifest = {
  generated_at: '2026-01-01',
  layers: {
    communes: entry('communes', 'IGN – ADMIN EXPRESS COG 2018', '2018'),
    epci: entry('epci', 'IGN – ADMIN EXPRESS COG 2018', '2018'),
    sites: entry('sites', 'Cerema – Cartofriches ; DGITM / Cerema – RRN ; © contributeurs OpenStreetMap – ODbL', '2024-02'),
    rn2: entry('rn2', 'DGITM / Cerema – RRN', '2025-07-22'),
    waterway: entry('waterway', '© contributeurs OpenStreetMap – ODbL', '2026-03'),
    rail: entry('rail', 'SNCF Réseau – ODbL', '2021-04-05'),
    lgv: entry('lgv', 'SNCF Réseau – ODbL', '2021-04-05'),
  },
};

describe('attribution', () => {
  it('names each source in use once, with its date', () => {
    expect(attributionEntries(manifest, ['communes', 'epci', 'sites', 'rn2', 'waterway', 'rail', 'lgv'])).toEqual([
      'IGN – ADMIN EXPRESS COG 2018 (2018)',
      'Cerema – Cartofriches (2024-02)',
      'DGITM / Cerema – RRN (2025-07-22)',
      '© contributeurs OpenStreetMap – ODbL (2026-03)',
      'SNCF Réseau – ODbL (2021-04-05)',
    ]);
  });

  it('does not repeat a date the attribution already states', () => {
    const m: DataManifest = {
      generated_at: '2026-01-01',
      layers: { rn2: entry('rn2', 'DGITM / Cerema – Liaisons du RRN, édition 2025-07-22', '2025-07-22') },
    };
    expect(attributionEntries(m, ['rn2'])).toEqual(['DGITM / Cerema – Liaisons du RRN, édition 2025-07-22']);
  });

  it('leaves out hidden layers and adds the IGN basemap when it is on', () => {
    const e = attributionEntries(manifest, ['rail'], 'ign');
    expect(e).toEqual([IGN_ATTRIBUTION, 'SNCF Réseau – ODbL (2021-04-05)']);
    expect(attributionEntries(null, ['rail'])).toEqual([]);
  });
});

describe('view helpers', () => {
  it('rounds views to 5 decimals and zoom to 2', () => {
    expect(roundView(3.323612345, 49.381749999, 11.23456)).toEqual({ lon: 3.32361, lat: 49.38175, zoom: 11.23 });
    expect(sameView({ lon: 3.32361, lat: 49.38175, zoom: 11.23 }, roundView(3.323611, 49.381751, 11.2301))).toBe(true);
    expect(sameView({ lon: 3.3, lat: 49.3, zoom: 10 }, { lon: 3.3, lat: 49.3, zoom: 10.5 })).toBe(false);
  });

  it('computes bounding boxes of nested geometries', () => {
    expect(
      bboxOf({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [3, 49] } },
          { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[[2.5, 49.5], [3.5, 48.9]]] } },
        ],
      }),
    ).toEqual([2.5, 48.9, 3.5, 49.5]);
    expect(bboxOf({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});

describe('connectors and formats', () => {
  const fr = (k: string, p?: Record<string, string | number>) => {
    const table: Record<string, string> = {
      'map.numberLocale': 'fr-FR',
      'map.connector.rn2': 'RN2 : {km}',
      'map.connector.waterway': '{name} : {km}',
      'map.connector.station': 'Gare de {name} : {km}',
      'map.connector.stationVowel': "Gare d'{name} : {km}",
      'map.popup.unknown': 'non renseigné',
    };
    let s = table[k] ?? k;
    for (const [a, b] of Object.entries(p ?? {})) s = s.split(`{${a}}`).join(String(b));
    return s;
  };

  it('formats km with one decimal in French', () => {
    expect(formatKm(fr, 3449)).toBe('3,4 km');
    expect(formatKm(fr, 0)).toBe('0,0 km');
    expect(formatSurface(fr, 16733.25)).toBe('1,7 ha');
    expect(formatSurface(fr, 850)).toMatch(/^850 m²$/);
    expect(formatSurface(fr, null)).toBe('non renseigné');
  });

  it('draws one labelled line and one end point per network found', () => {
    const fc = connectorFeatures(
      {
        rn2: { distance_m: 3449, nearest: [3.3, 49.4], name: 'RN2', error_m: null },
        waterway: { distance_m: 1250, nearest: [3.31, 49.39], name: 'Aisne canalisée', error_m: null },
        station: null,
      },
      [3.32, 49.38],
      fr,
    );
    const lines = fc.features.filter((f) => f.geometry.type === 'LineString');
    expect(lines.map((f) => f.properties?.label)).toEqual(['RN2 : 3,4 km', 'Aisne canalisée : 1,3 km']);
    expect(lines[0].geometry).toEqual({ type: 'LineString', coordinates: [[3.32, 49.38], [3.3, 49.4]] });
    expect(fc.features.filter((f) => f.geometry.type === 'Point')).toHaveLength(2);
    expect(connectorFeatures(null, [3, 49], fr).features).toHaveLength(0);
    expect(connectorFeatures({ rn2: { distance_m: 1, nearest: [3, 49], name: null, error_m: null } }, null, fr).features).toHaveLength(0);
  });

  it('elides "de" before a vowel in station names', () => {
    const st = (name: string) =>
      connectorFeatures({ station: { distance_m: 2000, nearest: [3.3, 49.4], name, error_m: null } }, [3.32, 49.38], fr).features[0].properties?.label;
    expect(st('Soissons')).toBe('Gare de Soissons : 2,0 km');
    expect(st('Anizy-Pinon')).toBe("Gare d'Anizy-Pinon : 2,0 km");
  });

  it('marks an approximate RN2 distance as an upper bound', () => {
    const fc = connectorFeatures({ rn2: { distance_m: 1200, nearest: [3.3, 49.4], name: null, error_m: 500 } }, [3.32, 49.38], fr);
    expect(fc.features[0].properties?.label).toBe('RN2 : ≤ 1,2 km');
  });
});
