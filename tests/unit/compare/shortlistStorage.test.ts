import { afterEach, describe, expect, it } from 'vitest';
import { parseStoredShortlist, restoreShortlist, SHORTLIST_KEY, writeStoredShortlist } from '../../../src/ui/compare/shortlistStorage';
import { useAtlas } from '../../../src/state/store';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.has(k) ? this.data.get(k)! : null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, String(v));
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

function withWindow(storage: MemoryStorage) {
  (globalThis as unknown as { window: unknown }).window = { localStorage: storage };
}

afterEach(() => {
  delete (globalThis as unknown as { window?: unknown }).window;
  useAtlas.setState({ shortlist: [] });
});

describe('parseStoredShortlist', () => {
  it('reads a JSON array of ids, trimmed and deduplicated', () => {
    expect(parseStoredShortlist('["a"," b ","a"]')).toEqual(['a', 'b']);
  });
  it('gives [] for anything else, without throwing', () => {
    for (const raw of [null, '', 'not json', '{"a":1}', '42', '[1,2,null]']) expect(parseStoredShortlist(raw)).toEqual([]);
  });
  it('keeps only strings from a mixed array', () => {
    expect(parseStoredShortlist('["x", 3, {"y":1}, "z"]')).toEqual(['x', 'z']);
  });
});

describe('shortlist kept in the browser', () => {
  it('writes the shortlist and removes the key when it becomes empty', () => {
    const s = new MemoryStorage();
    withWindow(s);
    writeStoredShortlist(['02722_1', '02089_2']);
    expect(s.getItem(SHORTLIST_KEY)).toBe('["02722_1","02089_2"]');
    writeStoredShortlist([]);
    expect(s.getItem(SHORTLIST_KEY)).toBeNull();
  });
  it('restores the stored shortlist when the URL gave none', () => {
    const s = new MemoryStorage();
    s.setItem(SHORTLIST_KEY, '["a","b"]');
    withWindow(s);
    restoreShortlist();
    expect(useAtlas.getState().shortlist).toEqual(['a', 'b']);
  });
  it('keeps the shortlist of the URL when there is one', () => {
    const s = new MemoryStorage();
    s.setItem(SHORTLIST_KEY, '["a","b"]');
    withWindow(s);
    useAtlas.setState({ shortlist: ['from-url'] });
    restoreShortlist();
    expect(useAtlas.getState().shortlist).toEqual(['from-url']);
  });
  it('survives a storage that throws (disabled storage)', () => {
    (globalThis as unknown as { window: unknown }).window = {
      get localStorage(): Storage {
        throw new Error('SecurityError');
      },
    };
    expect(() => writeStoredShortlist(['a'])).not.toThrow();
    expect(() => restoreShortlist()).not.toThrow();
    expect(useAtlas.getState().shortlist).toEqual([]);
  });
});
