/**
 * Inline fixes of the validation report: the typed name is applied to the file and the
 * data layer re-validates the row (the missing-name error goes away, nothing else moves).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../src/data/import';
import { applyNameFixes } from '../../../src/data/import/importFixes';

function buf(text: string): ArrayBuffer {
  const u = new TextEncoder().encode(text);
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}
const missingName = (r: ReturnType<typeof parseImportFile>, i: number) =>
  r.items[i].issues.some((x) => x.code === 'missing-field' && /nom/.test(x.message));

describe('applyNameFixes', () => {
  it('fixes a GeoJSON feature without name, even when a blank « nom » column exists', () => {
    const bytes = readFileSync('tests/fixtures/curation/import-missing-names.geojson');
    const original = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const before = parseImportFile({ name: 'x.geojson', bytes: original });
    expect(missingName(before, 0)).toBe(true);
    expect(missingName(before, 1)).toBe(true);

    const fixed = applyNameFixes(original, { 1: 'ZA du Plateau' }, 'geojson');
    const after = parseImportFile({ name: 'x.geojson', bytes: fixed });
    expect(after.items).toHaveLength(before.items.length);
    expect(missingName(after, 1)).toBe(false);
    expect(after.items[1].site?.properties.name).toBe('ZA du Plateau');
    // Untouched rows keep their problems.
    expect(missingName(after, 0)).toBe(true);
  });

  it('fixes a CSV row (adds a « name » column when there is none) and keeps the other rows', () => {
    const csv = 'id;lon;lat;surface\nA;3.32;49.38;1000\nB;3.33;49.37;2000\n';
    const before = parseImportFile({ name: 'x.csv', bytes: buf(csv) });
    expect(before.items.map((_, i) => missingName(before, i))).toEqual([true, true]);
    const after = parseImportFile({ name: 'x.csv', bytes: applyNameFixes(buf(csv), { 1: 'Lot « B » ; quai' }, 'csv') });
    expect(after.items.map((i) => i.site?.properties.id)).toEqual(['A', 'B']);
    expect(after.items[1].site?.properties.name).toBe('Lot « B » ; quai');
    expect(missingName(after, 1)).toBe(false);
    expect(missingName(after, 0)).toBe(true);
    expect(after.items[1].site?.properties.declared_surface_m2).toBe(2000);
  });

  it('returns the same bytes when there is nothing to fix', () => {
    const b = buf('{"type":"FeatureCollection","features":[]}');
    expect(applyNameFixes(b, {}, 'geojson')).toBe(b);
  });
});
