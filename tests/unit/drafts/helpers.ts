/** Fixtures of the drafts tests (tests/fixtures/drafts, hand-made, fictitious). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectGoldenFile } from '../golden';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/drafts');

export function fixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** Compares with a golden JSON file of tests/fixtures/drafts; only `UPDATE_GOLDEN=1` rewrites it (review the diff). */
export function expectGolden(name: string, value: unknown): void {
  expectGoldenFile(FIXTURES, name, value);
}

/**
 * Deletes the drafts database, resolved once it is gone. Not awaited, the deletion waits for the
 * previous test's connections to close and may land during the next test. A connection that is
 * still open is closed by the app on `versionchange`.
 */
export function deleteDraftsDb(name = 'atlas-curation'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });
}
