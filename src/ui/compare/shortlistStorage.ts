/**
 * The shortlist is kept in the browser (localStorage `atlas-shortlist`) as well as in the
 * URL: a visitor who comes back without a shortlist in the URL finds theirs again.
 */
import { useEffect, useState } from 'react';
import { useAtlas } from '../../state/store';

export const SHORTLIST_KEY = 'atlas-shortlist';
/** More than this is certainly not a hand-made shortlist: the rest is ignored. */
export const SHORTLIST_MAX = 100;

/** Parses the stored value: a JSON array of non-empty strings (deduplicated); anything else gives []. */
export function parseStoredShortlist(raw: string | null | undefined): string[] {
  if (!raw) return [];
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) {
    if (typeof x !== 'string') continue;
    const id = x.trim();
    if (!id || id.length > 200 || out.includes(id)) continue;
    out.push(id);
    if (out.length >= SHORTLIST_MAX) break;
  }
  return out;
}

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null; // storage disabled (private mode, policy)
  }
}

export function readStoredShortlist(): string[] {
  try {
    return parseStoredShortlist(storage()?.getItem(SHORTLIST_KEY));
  } catch {
    return [];
  }
}

export function writeStoredShortlist(ids: readonly string[]): void {
  try {
    const s = storage();
    if (!s) return;
    if (ids.length) s.setItem(SHORTLIST_KEY, JSON.stringify(ids));
    else s.removeItem(SHORTLIST_KEY);
  } catch {
    /* quota or disabled storage: the URL still holds the shortlist */
  }
}

/** When the store (i.e. the URL) has no shortlist, takes the stored one. */
export function restoreShortlist(): void {
  const { shortlist, setShortlist } = useAtlas.getState();
  if (shortlist.length) return;
  const stored = readStoredShortlist();
  if (stored.length) setShortlist(stored);
}

/**
 * Mount once in App, right after `useUrlSync()`: restores during the first render (after the
 * URL was decoded, before the URL sync starts writing), then saves every change.
 */
export function useShortlistPersistence(): void {
  useState(restoreShortlist);
  useEffect(
    () =>
      useAtlas.subscribe((s, prev) => {
        if (s.shortlist !== prev.shortlist) writeStoredShortlist(s.shortlist);
      }),
    [],
  );
}
