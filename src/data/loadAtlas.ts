/**
 * Loads the data built by `npm run data` (public/data/): the manifest, then each layer.
 * Fetches are relative to the page so the static build works under any path.
 */
import type { FeatureCollection } from 'geojson';
import type { DataManifest, LayerManifestEntry, ZoneRecord } from '../domain/types';
import { expandSites, isCompactSites } from './compactSites';

export const DATA_BASE = './data/';

export class DataLoadError extends Error {}

export async function fetchJson<T>(file: string, base = DATA_BASE): Promise<T> {
  let res: Response;
  try {
    res = await fetch(base + file);
  } catch {
    throw new DataLoadError(`Impossible de charger « ${file} » : le serveur ne répond pas.`);
  }
  if (!res.ok) {
    throw new DataLoadError(
      `Impossible de charger « ${file} » (HTTP ${res.status}). Lancez « npm run data » pour construire les données.`,
    );
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new DataLoadError(`Le fichier « ${file} » n'est pas du JSON valide.`);
  }
}

export async function loadManifest(base = DATA_BASE): Promise<DataManifest> {
  return fetchJson<DataManifest>('manifest.json', base);
}

/** Loads every GeoJSON layer of the manifest (zones are JSON records, loaded apart). */
export async function loadLayers(manifest: DataManifest, base = DATA_BASE): Promise<Record<string, FeatureCollection>> {
  const entries = Object.values(manifest.layers).filter((l) => l.file.endsWith('.geojson'));
  const loaded = await Promise.all(entries.map(async (l) => [l.id, await loadLayer(l, base)] as const));
  return Object.fromEntries(loaded);
}

/**
 * One layer: its compact copy when the manifest names one (fewer bytes to download and parse,
 * the same features once expanded), else, or if that copy fails, the GeoJSON file itself.
 */
async function loadLayer(entry: LayerManifestEntry, base: string): Promise<FeatureCollection> {
  if (entry.compact) {
    try {
      const c = await fetchJson<unknown>(entry.compact.file, base);
      if (isCompactSites(c)) return expandSites(c);
    } catch {
      /* the GeoJSON file below */
    }
  }
  return fetchJson<FeatureCollection>(entry.file, base);
}

export async function loadZones(manifest: DataManifest, base = DATA_BASE): Promise<ZoneRecord[]> {
  const entry = manifest.layers.zones;
  if (!entry) return [];
  return fetchJson<ZoneRecord[]>(entry.file, base);
}
