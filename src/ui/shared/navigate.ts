import type { PageRoute } from '../../domain/types';
import { useAtlas } from '../../state/store';

/** Changes page; the URL sync (src/state/urlSync.ts) records it in history. */
export function navigate(page: PageRoute): void {
  useAtlas.getState().setPage(page);
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus();
}
