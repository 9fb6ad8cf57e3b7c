/**
 * Messages of the import writer (./worker.ts): the sites of an import written as NEW drafts by
 * a worker, off the page's main thread (the structured clone of each record and history entry,
 * the reads, the history entries), in one IndexedDB transaction per message.
 */
import type { HistoryAction } from '../../../domain/history';
import type { Site } from '../../../domain/types';

export interface ImportWriteRequest {
  id: number;
  /** Database name (its version is DB_VERSION: the page opened and upgraded it first). */
  db: string;
  at: string;
  author: string | null;
  writer: string;
  action: HistoryAction;
  sites: Site[];
  /** The published version of each site (null for a site created here), same order. */
  bases: (Site | null)[];
}

export type ImportWriteResponse =
  | {
      id: number;
      /** Indexes (in `sites`) written as new records, revision 1. */
      written: number[];
      /** Indexes left alone: a record exists already (this tab's or another's), for the page to merge. */
      skipped: number[];
    }
  | { id: number; error: string; name: string };
