/** Loads the built data into the store once, at start-up. */
import type { FeatureCollection } from 'geojson';
import { loadLayers, loadManifest, loadZones } from '../data/loadAtlas';
import type { DataManifest, Site, ZoneRecord } from '../domain/types';
import { useAtlas } from './store';

interface AtlasData {
  manifest: DataManifest;
  layers: Record<string, FeatureCollection>;
  zones: ZoneRecord[];
}

let loading: Promise<AtlasData> | null = null;

/**
 * Starts downloading the data (manifest, layers, zones), once. Called as early as possible
 * (src/main.tsx, before the first render) so the files arrive while the code starts the map;
 * `bootstrap` then uses the same downloads. A failed download is tried again at the next call.
 */
export function prefetchAtlasData(): Promise<AtlasData> {
  loading ??= (async () => {
    const manifest = await loadManifest();
    const [layers, zones] = await Promise.all([loadLayers(manifest), loadZones(manifest)]);
    return { manifest, layers, zones };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export async function bootstrap(): Promise<void> {
  const { setData, setLoadError } = useAtlas.getState();
  try {
    const { manifest, layers, zones } = await prefetchAtlasData();
    const sites = (layers.sites?.features ?? []) as Site[];
    setData({ manifest, layers, zones, sites });
  } catch (e) {
    setLoadError(e instanceof Error ? e.message : String(e));
  }
}
