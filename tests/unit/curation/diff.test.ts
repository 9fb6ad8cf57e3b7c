import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { compareWithExisting, describeChange, diffSites, sitesEquivalent, type FieldChange } from '../../../src/domain/diff';
import { applyChanges, describeEntry, versionAfter, type HistoryEntry } from '../../../src/domain/history';
import type { Site } from '../../../src/domain/types';
import { toSite } from '../../../src/data/import';
import { expectGolden } from './helpers';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [3.3, 49.34],
      [3.302, 49.34],
      [3.302, 49.341],
      [3.3, 49.341],
      [3.3, 49.34],
    ],
  ],
};

function base(): Site {
  return toSite(
    {
      id: 'S1',
      name: 'Lot A',
      surface_m2: 14000,
      disponibilite: 'disponible',
      secteurs: 'logistics|agro',
      'readiness.planning.status': 'fait',
      'readiness.planning.date': '2024-01-15',
      notes: 'Accès poids lourds',
      updated_at: '2025-01-01',
    },
    square,
  );
}
const edit = (f: (s: Site) => void): Site => {
  const s = structuredClone(base());
  f(s);
  return s;
};

const CASES: Record<string, [Site | null, Site]> = {
  identical: [base(), base()],
  'metadata only': [base(), edit((s) => ((s.properties.updated_at = '2026-02-02'), (s.properties.created_at = '2026-02-02')))],
  'name and surface': [base(), edit((s) => ((s.properties.name = 'Lot A bis'), (s.properties.declared_surface_m2 = 15000)))],
  'sectors reordered (no change)': [base(), edit((s) => (s.properties.sectors = ['agro', 'logistics']))],
  'sectors changed': [base(), edit((s) => (s.properties.sectors = ['agro', 'energy']))],
  'readiness item': [base(), edit((s) => ((s.properties.readiness.archaeology.status = 'en_cours'), (s.properties.readiness.planning.date = '2024-02-01')))],
  'geometry moved': [base(), edit((s) => ((s.geometry as Polygon).coordinates[0][1] = [3.3021, 49.34]))],
  'notes cleared': [base(), edit((s) => (s.properties.notes = null))],
  'new site': [null, base()],
};

describe('diffSites', () => {
  it('golden changes for each case', () => {
    const out = Object.fromEntries(Object.entries(CASES).map(([k, [a, b]]) => [k, diffSites(a, b)]));
    expectGolden('diff.golden.json', out);
  });

  it('reports nothing for identical sites, metadata, or reordered sectors', () => {
    expect(diffSites(...CASES.identical)).toEqual([]);
    expect(diffSites(...CASES['metadata only'])).toEqual([]);
    expect(diffSites(...CASES['sectors reordered (no change)'])).toEqual([]);
  });

  it('goes into the checklist item by item', () => {
    expect(diffSites(...CASES['readiness item'])).toEqual([
      { field: 'readiness.planning.date', old: '2024-01-15', new: '2024-02-01' },
      { field: 'readiness.archaeology.status', old: 'inconnu', new: 'en_cours' },
    ]);
  });

  it('reports a moved vertex as a geometry change, with both geometries', () => {
    const changes = diffSites(...CASES['geometry moved']);
    // Only the geometry: computed_surface_m2 is not recomputed by this hand edit.
    expect(changes.map((c) => c.field)).toEqual(['geometry']);
    expect(describeChange(changes[0])).toBe('Géométrie modifiée');
    expect((changes[0].old as Polygon).coordinates[0][1]).toEqual([3.302, 49.34]);
  });

  it('describes changes in French, as text', () => {
    const [name, surface] = diffSites(...CASES['name and surface']);
    expect(describeChange(name)).toBe('Nom : « Lot A » → « Lot A bis »');
    expect(describeChange(surface)).toBe('Surface déclarée (m²) : 14000 → 15000');
    expect(describeChange(diffSites(...CASES['sectors changed'])[0])).toBe('Filières : + energy ; − logistics');
    expect(describeChange(diffSites(...CASES['readiness item'])[1])).toBe('Clé en main – archéologie préventive (statut) : « inconnu » → « en_cours »');
  });
});

describe('compareWithExisting (re-import)', () => {
  it('sorts imported sites into new, identical (within 1e-7°) and changed', () => {
    const existing = new Map([['S1', base()]]);
    const nudged = edit((s) => ((s.geometry as Polygon).coordinates[0][0] = [3.30000004, 49.34000004]));
    const changed = edit((s) => (s.properties.availability = 'sous_option'));
    const fresh = edit((s) => (s.properties.id = 'S2'));
    expect(compareWithExisting([nudged, changed, fresh], existing)).toEqual([
      { id: 'S1', status: 'identical', changes: [] },
      { id: 'S1', status: 'changed', changes: [{ field: 'availability', old: 'disponible', new: 'sous_option' }] },
      { id: 'S2', status: 'new', changes: [] },
    ]);
    expect(sitesEquivalent(base(), nudged)).toBe(true);
    const moved = edit((s) => ((s.geometry as Polygon).coordinates[0][0] = [3.3000003, 49.34]));
    expect(sitesEquivalent(base(), moved)).toBe(false);
  });

  it('does not report distances the imported file does not carry', () => {
    const withDist = edit((s) => ((s.properties.dist_rn2_m = 1200), (s.properties.station_name = 'Soissons')));
    expect(compareWithExisting([base()], new Map([['S1', withDist]]))[0].status).toBe('identical');
  });
});

describe('history helpers', () => {
  it('rebuilds earlier versions from the changes', () => {
    const v1 = base();
    const v2 = edit((s) => (s.properties.name = 'Lot A bis'));
    const v3 = structuredClone(v2);
    v3.properties.readiness.utilities.status = 'fait';
    (v3.geometry as Polygon).coordinates[0][2] = [3.3025, 49.3411];
    const entries: HistoryEntry[] = [
      { site_id: 'S1', at: '1', author: null, action: 'create', changes: diffSites(null, v1) },
      { site_id: 'S1', at: '2', author: 'Marie', action: 'update', changes: diffSites(v1, v2) },
      { site_id: 'S1', at: '3', author: null, action: 'update', changes: diffSites(v2, v3) },
    ];
    expect(diffSites(versionAfter(v3, entries, 1), v2)).toEqual([]);
    expect(diffSites(versionAfter(v3, entries, 0), v1)).toEqual([]);
    expect(diffSites(applyChanges(v1, entries[1].changes), v2)).toEqual([]);
    expect(describeEntry(entries[1])).toBe('Modification par Marie — Nom : « Lot A » → « Lot A bis »');
  });

  it('a creation lists what the new site holds', () => {
    const fields = diffSites(null, base()).map((c: FieldChange) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'declared_surface_m2', 'sectors', 'readiness.planning.status', 'geometry']));
    expect(fields).not.toContain('readiness.archaeology.status'); // still « inconnu »
    expect(fields).not.toContain('price_eur_m2'); // null
  });
});
