import { describe, expect, it } from 'vitest';
import { blankSiteProperties } from '../../../src/domain/site';
import type { Site } from '../../../src/domain/types';
import type { HistoryEntry } from '../../../src/domain/history';
import { compareImport } from '../../../src/state/drafts/importSession';
import { groupHistory } from '../../../src/ui/curation/HistoryList';
import { historyActionLabel } from '../../../src/ui/shared/DamagedHistory';
import { loadLocale, translate } from '../../../src/ui/i18n';
import { withGeometry, computedSurfaceM2 } from '../../../src/data/drafts/geometry';

// English is loaded on demand in the app (src/ui/i18n): these checks read both locales.
await loadLocale('en');

function site(id: string, name: string, x = 3.3): Site {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [x, 49.38] },
    properties: blankSiteProperties({ id, name, source: 's' }),
  };
}

describe('compareImport', () => {
  it('sorts imported sites into new, identical and changed (undecided), with the changes', () => {
    const existing = new Map([
      ['a', site('a', 'A')],
      ['b', site('b', 'B')],
    ]);
    const d = compareImport([site('a', 'A'), site('b', 'B2'), site('c', 'C')], existing);
    expect(d.fresh.map((s) => s.properties.id)).toEqual(['c']);
    expect(d.identical.map((s) => s.properties.id)).toEqual(['a']);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].choice).toBeNull();
    expect(d.changed[0].changes).toEqual([{ field: 'name', old: 'B', new: 'B2' }]);
  });
});

describe('groupHistory', () => {
  const e = (at: string, action: HistoryEntry['action'], field: string, o: unknown, n: unknown, author: string | null = 'Ana'): HistoryEntry => ({
    site_id: 'a', at, author, action, changes: [{ field, old: o, new: n }],
  });
  it('merges quick successive edits by the same person: first old value → last new value, newest first', () => {
    const g = groupHistory([
      e('2025-01-01T10:00:00Z', 'import', 'name', null, 'A'),
      e('2025-01-01T10:01:00Z', 'update', 'name', 'A', 'Ab'),
      e('2025-01-01T10:01:01Z', 'update', 'name', 'Ab', 'Abc'),
      e('2025-01-01T10:01:02Z', 'update', 'notes', null, 'n'),
      e('2025-01-01T11:00:00Z', 'update', 'name', 'Abc', 'X'),
      e('2025-01-01T11:00:01Z', 'update', 'name', 'X', 'Y', 'Bob'),
    ]);
    expect(g.map((x) => [x.action, x.author, x.changes])).toEqual([
      ['update', 'Bob', [{ field: 'name', old: 'X', new: 'Y' }]],
      ['update', 'Ana', [{ field: 'name', old: 'Abc', new: 'X' }]],
      ['update', 'Ana', [{ field: 'name', old: 'A', new: 'Abc' }, { field: 'notes', old: null, new: 'n' }]],
      ['import', 'Ana', [{ field: 'name', old: null, new: 'A' }]],
    ]);
  });
});

describe('groupHistory and derived values', () => {
  it('leaves out distance updates made by the worker (not edits)', () => {
    const g = groupHistory([
      { site_id: 'a', at: '2025-01-01T10:00:00Z', author: null, action: 'create', changes: [{ field: 'name', old: null, new: 'A' }] },
      { site_id: 'a', at: '2025-01-01T12:00:00Z', author: null, action: 'update', changes: [{ field: 'dist_rn2_m', old: null, new: 1510 }] },
    ]);
    expect(g.map((x) => x.action)).toEqual(['create']);
  });
});

describe('withGeometry', () => {
  const communes = {
    type: 'FeatureCollection' as const,
    features: [
      {
        type: 'Feature' as const,
        properties: { insee: '02722', name: 'Soissons', epci_siren: '240200477', epci_name: 'CA GrandSoissons Agglomération' },
        geometry: { type: 'Polygon' as const, coordinates: [[[3.28, 49.36], [3.36, 49.36], [3.36, 49.40], [3.28, 49.40], [3.28, 49.36]]] },
      },
    ],
  };
  it('recomputes surface, commune and EPCI, and clears the distances', () => {
    const s = { ...site('a', 'A'), properties: { ...site('a', 'A').properties, dist_rn2_m: 1234 } };
    const poly = { type: 'Polygon' as const, coordinates: [[[3.30, 49.37], [3.301, 49.37], [3.301, 49.371], [3.30, 49.371], [3.30, 49.37]]] };
    const out = withGeometry(s, poly, communes);
    expect(out.geometry).toEqual(poly);
    expect(out.properties.commune).toBe('Soissons');
    expect(out.properties.epci_siren).toBe('240200477');
    expect(out.properties.computed_surface_m2).toBeGreaterThan(7000);
    expect(out.properties.computed_surface_m2).toBeLessThan(9000);
    expect(out.properties.dist_rn2_m).toBeNull();
    expect(s.properties.dist_rn2_m).toBe(1234); // input untouched
  });
  it('rounds drawn coordinates to 7 decimals, like imports, so a round trip is exact', () => {
    const out = withGeometry(site('a', 'A'), { type: 'Point', coordinates: [3.3236123456789, 49.3817123456789] }, communes);
    expect(out.geometry).toEqual({ type: 'Point', coordinates: [3.3236123, 49.3817123] });
  });
  it('gives no commune outside the layer and no surface for a point', () => {
    const out = withGeometry(site('a', 'A'), { type: 'Point', coordinates: [2.0, 48.0] }, communes);
    expect(out.properties.commune).toBeNull();
    expect(out.properties.insee).toBeNull();
    expect(computedSurfaceM2(out.geometry)).toBeNull();
  });
});

describe('the label of a history entry’s action', () => {
  const fr = (key: string) => translate('fr', key);
  const en = (key: string) => translate('en', key);
  it('is the catalogue’s, in the page’s language', () => {
    expect(historyActionLabel(fr, 'cur.history.action.', 'import')).toBe('import');
    expect(historyActionLabel(fr, 'cur.history.action.', 'restore')).toBe('rétablissement');
    expect(historyActionLabel(en, 'cur.history.action.', 'update')).toBe('edit');
    expect(historyActionLabel(fr, 'zones.history.', 'create')).toBe('Numérisation');
  });
  it('is the action as stored, in quotes, for an action the catalogue does not know (never the message key)', () => {
    expect(historyActionLabel(fr, 'cur.history.action.', 'archive')).toBe('« archive »');
    expect(historyActionLabel(en, 'zones.history.', 'archive')).toBe('« archive »');
  });
});
