/**
 * Starts the curation store once, at application start-up: opens IndexedDB and restores
 * the drafts into the atlas (so the map and lists show them), then announces how many
 * unpublished changes were restored.
 */
import { initCuration, unpublishedCount, useCuration } from '../../state/curation';
import { useAtlas } from '../../state/store';
import { translate } from '../i18n';

let started = false;

export function startCuration(): void {
  if (started || typeof window === 'undefined' || typeof indexedDB === 'undefined') return;
  started = true;
  void initCuration().then(() => {
    const n = unpublishedCount(useCuration.getState());
    if (n > 0) {
      const atlas = useAtlas.getState();
      atlas.announce(translate(atlas.locale, 'cur.restored', { n }));
    }
  });
}
