/**
 * Connector lines from a site to the nearest point of each network (RN2, waterway, station),
 * labelled with the distance in km (one decimal, in the UI's number format).
 * Pure: builds the GeoJSON the `connectors` source shows.
 */
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { NetworkDistance } from '../domain/types';
import { COLORS } from './style/palette';
import { formatKm } from './popups';
import type { Connectors, Translate } from './types';

const KINDS = [
  { key: 'rn2', color: COLORS.connectorRn2 },
  { key: 'waterway', color: COLORS.connectorWaterway },
  { key: 'station', color: COLORS.connectorStation },
] as const;

export function connectorFeatures(c: Connectors | null, from: Position | null, t: Translate): FeatureCollection {
  const features: Feature[] = [];
  if (c && from) {
    for (const { key, color } of KINDS) {
      const d: NetworkDistance | null | undefined = c[key];
      if (!d || !Array.isArray(d.nearest) || !Number.isFinite(d.distance_m)) continue;
      const km = formatKm(t, d.distance_m);
      const approx = d.error_m !== null && d.error_m !== undefined && d.error_m > 0;
      const name = d.name ?? '';
      // French elision: « Gare d'Anizy-Pinon », « Gare de Soissons ».
      const msg = key === 'station' && /^[aeiouyàâéèêëîïôöûüh]/i.test(name) ? 'map.connector.stationVowel' : `map.connector.${key}`;
      const label = t(msg, { km: approx ? `≤ ${km}` : km, name });
      features.push({
        type: 'Feature',
        properties: { kind: key, color, label, distance_m: d.distance_m },
        geometry: { type: 'LineString', coordinates: [from, d.nearest] },
      });
      features.push({ type: 'Feature', properties: { kind: key, color }, geometry: { type: 'Point', coordinates: d.nearest } });
    }
  }
  return { type: 'FeatureCollection', features };
}
