/**
 * The sites the public atlas lists, as the app builds them from the served data: the sites of
 * sites.geojson, then the zones of zones.json as search results (src/domain/zoneSites.ts). Zones
 * known only at EPCI or PETR level are listed but have no map marker (`onMap`).
 */
import type { FeatureCollection } from 'geojson';
import type { DataManifest, Site, ZoneRecord } from '../../src/domain/types';
import { zoneSites } from '../../src/domain/zoneSites';

export async function publicSites(getJson: <T>(file: string) => Promise<T | null>): Promise<Site[]> {
  const manifest = (await getJson<DataManifest>('manifest.json'))!;
  const sites = (await getJson<{ features: Site[] }>(manifest.layers.sites?.file ?? 'sites.geojson'))!.features;
  const zones = manifest.layers.zones ? ((await getJson<ZoneRecord[]>(manifest.layers.zones.file)) ?? []) : [];
  const layer = async (id: string) => (manifest.layers[id] ? await getJson<FeatureCollection>(manifest.layers[id].file) : null);
  const places = { communes: await layer('communes'), epci: await layer('epci'), petr: await layer('petr') };
  return sites.concat(zoneSites(zones, places));
}

/** False for the zones that the map cannot place (no marker: EPCI- or PETR-level entries). */
export function onMap(s: Site): boolean {
  return !(s.properties.kind === 'zone' && (s.properties.location_precision === 'epci' || s.properties.location_precision === 'territoire'));
}
