/**
 * What the drafts' start-up (./boot.ts, light, in the first download) and the drafts code loaded
 * on demand (./index.ts and what it imports) share, so neither imports the other back: the
 * database's name, the stopgap key of zones' CNIG values, and the notice the shell shows before
 * the drafts code is there (how many stored records were unreadable and kept aside).
 */
import { create } from 'zustand';

export const DRAFTS_DB_NAME = 'atlas-curation';
/** localStorage key where zones' CNIG values were kept before zone drafts held them (moved once, see ./zones.ts). */
export const ZONE_CNIG_STOPGAP_KEY = 'atlas-zone-cnig';

export interface DraftsNotice {
  /** Records kept aside because they failed the draft schema. */
  quarantined: number;
  /**
   * The drafts code could not be downloaded (network cut, or a new version of the atlas whose
   * files replaced these): the drafts stay stored but are not shown.
   */
  loadFailed: boolean;
  /** Bumped to ask the editing panel to show the kept-aside records (« Voir »). */
  reveal: number;
}

export const useDraftsNotice = create<DraftsNotice>()(() => ({ quarantined: 0, loadFailed: false, reveal: 0 }));

export function setQuarantinedCount(n: number): void {
  if (useDraftsNotice.getState().quarantined !== n) useDraftsNotice.setState({ quarantined: n });
}

