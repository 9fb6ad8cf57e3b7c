/**
 * Unit tests of the data build helpers (scripts/lib): zones CSV, waterway part names,
 * filters, rounding, sources manifest checks, and data/sources.json itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/data/validation/index';
import { checkConfig, ConfigError, type SourcesConfig } from '../../../scripts/lib/config';
import { matchesFilter, maxDecimals, pickProperties, roundGeometry, roundNumber } from '../../../scripts/lib/geojson';
import { waterwayPartOf } from '../../../src/domain/waterway';
import { buildZones, splitMulti } from '../../../scripts/lib/zones';
import { DEFAULT_CONFIG } from '../../../scripts/build-data';
import { LAYER_IDS } from '../../../src/domain/types';

const ZONES = path.resolve(__dirname, '../../fixtures/build/zones');
const read = (f: string) => fs.readFileSync(path.join(ZONES, f), 'utf8');

describe('buildZones', () => {
  it('reports exactly the expected issues for a broken pair of CSV files (golden)', () => {
    const expected = JSON.parse(read('bad.expected.json')) as { index: string; facts: string; issues: ValidationIssue[] };
    const { issues } = buildZones(read(expected.index), read(expected.facts), 'zones_index.csv', 'zones_facts.csv');
    expect(issues).toEqual(expected.issues);
  });

  it('keeps the valid rows: the first Z01, Z02 even with errors elsewhere', () => {
    const { zones } = buildZones(read('bad_index.csv'), read('bad_facts.csv'), 'zones_index.csv', 'zones_facts.csv');
    expect(zones.map((z) => [z.zone_id, z.name, z.facts.map((f) => f.fact_id)])).toEqual([
      ['Z01', 'Parc de test', ['F001', 'F003']],
      ['Z02', '', []],
    ]);
  });

  it('stops on a missing column and names it', () => {
    const { zones, issues } = buildZones(read('missing_column_index.csv'), read('bad_facts.csv'), 'zones_index.csv', 'zones_facts.csv');
    expect(zones).toEqual([]);
    expect(issues).toEqual([
      {
        level: 'error',
        code: 'missing-column',
        featureIndex: null,
        featureLabel: null,
        message: 'zones_index.csv : colonne(s) obligatoire(s) absente(s) : « zone_name ».',
      },
    ]);
  });

  it('splits multiple values on ";" and trims them', () => {
    expect(splitMulti('Courmelles; Ploisy')).toEqual(['Courmelles', 'Ploisy']);
    expect(splitMulti('02226;02607')).toEqual(['02226', '02607']);
    expect(splitMulti('')).toEqual([]);
    expect(splitMulti(undefined)).toEqual([]);
  });
});

describe('waterwayPartOf', () => {
  it.each([
    [{ ref: 'Aisne canalisée', kind: 'navigable_river', name: "L'Aisne" }, 'Aisne canalisée'],
    [{ ref: 'Aisne canalisée', kind: 'navigable_canal_cut', name: "Canal de Soissons Parallèle à l'Aisne" }, 'Aisne canalisée'],
    [{ ref: 'Aisne canalisée', kind: 'navigable_river_route_way', name: 'Aisne canalisée (OSM way)' }, 'Aisne canalisée'],
    [{ ref: "Canal latéral à l'Aisne", kind: 'navigable_canal', name: "Canal Latéral à l'Aisne" }, "Canal latéral à l'Aisne"],
    [{ ref: "Canal de l'Oise à l'Aisne", kind: 'navigable_canal', name: 'Canal de l’Oise à l’Aisne' }, "Canal de l'Oise à l'Aisne"],
    // Without ref: the kind and the OSM name decide.
    [{ kind: 'navigable_canal_cut', name: 'Canal de Vic-sur-Aisne' }, 'Aisne canalisée'],
    [{ kind: 'navigable_canal', name: 'Canal de l’Oise à l’Aisne' }, "Canal de l'Oise à l'Aisne"],
    [{ kind: 'navigable_canal', name: "CANAL LATERAL A L'AISNE" }, "Canal latéral à l'Aisne"],
    [{ kind: 'navigable_canal', name: 'Canal du Nord' }, null],
    // Built file: the name is already the part; non-navigable parts never count.
    [{ kind: 'navigable_canal', name: "Canal latéral à l'Aisne" }, "Canal latéral à l'Aisne"],
    [{ ref: 'Aisne canalisée', kind: 'river_not_navigable', name: "L'Aisne" }, null],
  ])('%j → %s', (props, part) => {
    expect(waterwayPartOf(props)).toBe(part);
  });
});

describe('geojson helpers', () => {
  it('rounds to 6 decimals and prints no more', () => {
    expect(roundNumber(3.12345678)).toBe(3.123457);
    expect(roundNumber(-0.0000001)).toBe(0);
    expect(String(roundNumber(49.1 + 0.2))).toBe('49.3');
    const g = roundGeometry({ type: 'MultiLineString', coordinates: [[[2.123456789, 48.987654321], [2.1, 48.9]]] });
    expect(g).toEqual({ type: 'MultiLineString', coordinates: [[[2.123457, 48.987654], [2.1, 48.9]]] });
    expect(maxDecimals(g)).toBe(6);
  });

  it('picks the listed properties in order, null when absent, all with "*"', () => {
    expect(pickProperties({ b: 2, a: 1, c: 3 }, ['a', 'b', 'z'])).toEqual({ a: 1, b: 2, z: null });
    expect(pickProperties({ b: 2, a: 1 }, '*')).toEqual({ b: 2, a: 1 });
    expect(pickProperties(null, ['a'])).toEqual({ a: null });
  });

  it('filters on ==, !=, in, not_in', () => {
    expect(matchesFilter({ kind: 'river_not_navigable' }, { property: 'kind', op: '!=', value: 'river_not_navigable' })).toBe(false);
    expect(matchesFilter({ kind: 'navigable_canal' }, { property: 'kind', op: '!=', value: 'river_not_navigable' })).toBe(true);
    expect(matchesFilter({ voyageurs: 'N' }, { property: 'voyageurs', op: '==', value: 'O' })).toBe(false);
    expect(matchesFilter({ k: 'a' }, { property: 'k', op: 'in', value: ['a', 'b'] })).toBe(true);
    expect(matchesFilter({ k: 'c' }, { property: 'k', op: 'not_in', value: ['a', 'b'] })).toBe(true);
    expect(matchesFilter(null, undefined)).toBe(true);
  });
});

describe('data/sources.json', () => {
  const config = checkConfig(JSON.parse(fs.readFileSync(DEFAULT_CONFIG, 'utf8')), 'data/sources.json') as SourcesConfig;

  it('describes every layer of the atlas, with French title, licence, attribution and date', () => {
    expect(config.layers.map((l) => l.id).sort()).toEqual([...LAYER_IDS].sort());
    for (const l of config.layers) {
      expect(l.title, l.id).toMatch(/\S/);
      expect(l.attribution, l.id).toMatch(/\S/);
      expect(l.licence, l.id).toMatch(/\S/);
      expect(l.date, l.id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
  });

  it('reads friches.geojson, not the national friches_france.geojson, and fixes the admin counts', () => {
    const byId = Object.fromEntries(config.layers.map((l) => [l.id, l]));
    expect(byId.friches).toMatchObject({ file: 'friches/friches.geojson' });
    expect(byId.communes).toMatchObject({ expected_count: 163 });
    expect(byId.epci).toMatchObject({ expected_count: 4 });
    expect(byId.petr).toMatchObject({ expected_count: 1 });
  });

  it('rejects a manifest with a duplicate id or a missing field, naming the layer', () => {
    const base = { id: 'a', type: 'sites', output: 'a.json', title: 't', producer: 'p', licence: 'l', date: '2024', attribution: 'x', derived_from: [] };
    expect(() => checkConfig({ layers: [base, base] }, 'cfg.json')).toThrow(ConfigError);
    expect(() => checkConfig({ layers: [base, base] }, 'cfg.json')).toThrow(/cfg\.json : couche n° 2 \(« a »\) : l'identifiant « a » est en double/);
    expect(() => checkConfig({ layers: [{ ...base, title: '' }] }, 'cfg.json')).toThrow(/« title » est absent ou vide/);
    expect(() => checkConfig({ layers: [{ ...base, date_kind: 'export' }] }, 'cfg.json')).toThrow(/« date_kind » doit valoir « update » ou « mirror_commit »/);
    expect(() => checkConfig({ layers: [{ ...base, date_kind: 'mirror_commit' }] }, 'cfg.json')).not.toThrow();
    expect(() => checkConfig({}, 'cfg.json')).toThrow(/« layers »/);
  });
});
