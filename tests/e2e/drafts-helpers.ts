/**
 * Helpers of the drafts browser tests (crash, tabs, corrupted records, unavailable storage):
 * open the editor on a site, read and write the drafts database directly (as a crash, another
 * tab or an old version of the atlas would have left it), and find the browser's process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const DB_NAME = 'atlas-curation';
/** A real published site (Cartofriches), the one of the measurements. */
export const SITE_ID = '02722_1633';
export const SITE_NAME = 'Coopérative agricole';

type AtlasWindow = { __atlas?: { mapReady?: boolean } };

export async function waitMapReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as AtlasWindow).__atlas?.mapReady === true, null, { timeout: 60000 });
}

export { openEditing, openSection } from './editing';

export async function counterText(page: Page): Promise<string> {
  return (await page.getByTestId('unpublished-count').textContent()) ?? '';
}

/** The editor's value of a field (by test id), once the site `id` is open in it. */
export async function editorOpenOn(page: Page, id: string): Promise<void> {
  await page.getByText(`Identifiant : ${id}`, { exact: false }).first().waitFor({ timeout: 20000 });
}

/** Reads one record of an object store of the drafts database (null when absent). */
export function readRecord<T = unknown>(page: Page, store: string, key: string): Promise<T | null> {
  return page.evaluate(
    ({ db, store, key }) =>
      new Promise<T | null>((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const conn = req.result;
          if (!conn.objectStoreNames.contains(store)) {
            conn.close();
            resolve(null);
            return;
          }
          const get = conn.transaction(store, 'readonly').objectStore(store).get(key);
          get.onsuccess = () => {
            conn.close();
            resolve((get.result as T | undefined) ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    { db: DB_NAME, store, key },
  );
}

/**
 * Writes raw values into an object store of the drafts database, as a crash, an old version of
 * the atlas or a hand-edited profile could leave them (no validation). Creates the database
 * with the stores of version 2 when it does not exist yet. `key` is for stores without keyPath.
 */
export function writeRaw(page: Page, store: string, values: { value: unknown; key?: string }[]): Promise<void> {
  return page.evaluate(
    ({ db, store, values }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(db);
        req.onupgradeneeded = () => {
          const d = req.result;
          d.createObjectStore('drafts', { keyPath: 'id' });
          d.createObjectStore('history', { keyPath: 'id', autoIncrement: true }).createIndex('site_id', 'site_id', { unique: false });
          d.createObjectStore('meta');
          d.createObjectStore('zoneDrafts', { keyPath: 'zone_id' });
          d.createObjectStore('zoneHistory', { keyPath: 'id', autoIncrement: true }).createIndex('zone_id', 'zone_id', { unique: false });
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const conn = req.result;
          const tx = conn.transaction(store, 'readwrite');
          for (const v of values) {
            if (v.key === undefined) tx.objectStore(store).put(v.value);
            else tx.objectStore(store).put(v.value, v.key);
          }
          tx.oncomplete = () => {
            conn.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: DB_NAME, store, values },
  );
}

/**
 * Pid of the browser process (not a renderer) started with this profile folder: the one
 * whose command line has `--user-data-dir=<dir>` and no `--type=`.
 */
export function browserPid(userDataDir: string): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmd: string[];
    try {
      cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (cmd.includes(`--user-data-dir=${userDataDir}`) && !cmd.some((a) => a.startsWith('--type='))) return Number(name);
  }
  return null;
}

/** The process and all its descendants (from /proc/<pid>/stat parent ids). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(children.get(p) ?? []));
  }
  return out;
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
