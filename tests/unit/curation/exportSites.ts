/** Sites for the export tests: polygon, multipolygon, point, friche, hostile and formula-like text. */
import type { MultiPolygon, Polygon } from 'geojson';
import { toSite } from '../../../src/data/import';
import type { Site } from '../../../src/domain/types';

/** A rectangle with "raw" coordinates (more than 7 decimals, as drawn on a map). */
export function rect(lon: number, lat: number, dLon: number, dLat: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + dLon, lat + 0.0000000413],
        [lon + dLon, lat + dLat],
        [lon + 0.0000000371, lat + dLat],
        [lon, lat],
      ],
    ],
  };
}

/** Varied sites: polygon, multipolygon, point, friche, hostile and formula-like text. */
export function sampleSites(): Site[] {
  const a = toSite(
    {
      id: 'RT-1',
      name: 'Lot A ; « guillemets » "doubles"',
      kind: 'plot',
      zone_id: 'Z01',
      zone_name: 'Parc d’activités du Plateau',
      insee: '02226',
      commune: 'Courmelles',
      epci_siren: '240200477',
      epci_name: 'CA GrandSoissons Agglomération',
      surface_m2: 23950.5,
      availability: 'disponible',
      occupation: 'inoccupe',
      sectors: 'logistics|agro',
      price_eur_m2: 18.5,
      contact: 'eco@example.org',
      notes: 'Ligne 1\nLigne 2 ; avec point-virgule',
      source: 'Saisie dans l’atlas',
      updated_at: '2025-03-01T10:00:00.000Z',
      created_at: '2025-02-01T09:00:00.000Z',
      dist_rn2_m: 1234.5,
      dist_rn2_error_m: null,
      dist_waterway_m: 5400,
      waterway_name: 'Aisne',
      dist_station_m: 2100,
      station_name: 'Soissons',
      rail_km_to_cdg: 92.4,
    },
    rect(3.29861234567, 49.34446789012, 0.00275123456, 0.00107987654),
  );
  a.properties.readiness.land_control = { status: 'fait', date: '2024-05-02', source: 'Délibération n° 12', note: 'Acquis par l’EPCI' };
  a.properties.readiness.planning = { status: 'en_cours', date: null, source: 'https://example.org/plu', note: null };
  a.properties.readiness.soil_pollution = { status: 'sans_objet', date: null, source: null, note: null };

  const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [rect(3.1021, 49.2401, 0.002, 0.001).coordinates, rect(3.1061, 49.2401, 0.001, 0.001).coordinates] };
  const b = toSite({ id: 'RT-2', name: '=HYPERLINK("http://x";"clic")', notes: '-5 ha à déduire', contact: '@service', availability: 'sous_option', sectors: 'tertiary', source: 'Import', fictitious: true }, multi);
  const c = toSite(
    { id: 'RT-3', name: '<img src=x onerror=alert(1)>', kind: 'friche', friche_status: 'friche sans projet', friche_type: 'friche industrielle', source_url: 'https://cartofriches.cerema.fr/cartofriches/_app/?site=02722_1', source: 'Cartofriches (Cerema)', availability: 'vendu_occupe', occupation: 'friche' },
    { type: 'Point', coordinates: [3.33412345678, 49.37198765432] },
  );
  const d = toSite({ id: 'RT-4', name: 'Tout est fait', source: 'Saisie' }, rect(3.335, 49.372, 0.001, 0.0007));
  for (const k of Object.keys(d.properties.readiness) as (keyof Site['properties']['readiness'])[]) d.properties.readiness[k] = { status: 'fait', date: '2025-01-01', source: 'Test', note: null };
  return [a, b, c, d];
}

