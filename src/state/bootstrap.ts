/** Loads the built data into the store once, at start-up. */
import { loadLayers, loadManifest, loadZones } from '../data/loadAtlas';
import type { Site } from '../domain/types';
import { useAtlas } from './store';

export async function bootstrap(): Promise<void> {
  const { setData, setLoadError } = useAtlas.getState();
  try {
    const manifest = await loadManifest();
    const [layers, zones] = await Promise.all([loadLayers(manifest), loadZones(manifest)]);
    const sites = (layers.sites?.features ?? []) as Site[];
    setData({ manifest, layers, zones, sites });
  } catch (e) {
    setLoadError(e instanceof Error ? e.message : String(e));
  }
}
