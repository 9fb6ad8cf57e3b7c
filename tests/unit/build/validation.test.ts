/**
 * Golden tests of the shared validator (src/data/validation): each
 * tests/fixtures/build/validation/<case>.expected.json names an input file, the rules,
 * and the exact issues (French messages) a user must see.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hasErrors,
  parseJsonText,
  translateGjvMessage,
  validateFeatureCollection,
  type LayerRules,
  type ValidationIssue,
} from '../../../src/data/validation/index';

const DIR = path.resolve(__dirname, '../../fixtures/build/validation');

interface Case {
  description: string;
  input: string;
  file: string;
  rules: LayerRules;
  issues: ValidationIssue[];
}

const cases = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => [f.replace('.expected.json', ''), JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Case] as const);

function load(input: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(DIR, input), 'utf8'));
}

describe('validateFeatureCollection – golden fixtures', () => {
  it('has the expected set of golden cases', () => {
    expect(cases.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'communes-ok',
        'missing-property',
        'outside-france',
        'unclosed-ring',
        'type-featur',
        'duplicate-ids',
        'wrong-geometry-type',
        'wrong-count',
        'html-in-property',
        'non-finite',
      ]),
    );
  });

  it.each(cases)('%s', (_name, c) => {
    expect(validateFeatureCollection(load(c.input), c.file, c.rules)).toEqual(c.issues);
  });
});

describe('validateFeatureCollection – behaviour', () => {
  const rules: LayerRules = { requiredProperties: ['insee', 'name', 'population'], idProperty: 'insee', labelProperties: ['insee', 'name'] };

  it('accepts the valid file and reports no error', () => {
    const issues = validateFeatureCollection(load('communes-ok.geojson'), 'communes.geojson', rules);
    expect(issues).toEqual([]);
    expect(hasErrors(issues)).toBe(false);
  });

  it('names the file, the feature (1-based number, id and name) and the missing property', () => {
    const [issue] = validateFeatureCollection(load('missing-property.geojson'), 'communes.geojson', rules);
    expect(issue.level).toBe('error');
    expect(issue.featureIndex).toBe(1);
    expect(issue.featureLabel).toBe('02998 Commune-B');
    expect(issue.message).toBe(
      'communes.geojson, entité n° 2 (« 02998 Commune-B ») : la propriété obligatoire « population » est absente.',
    );
  });

  it('HTML in a property is only a warning and the value is left untouched', () => {
    const value = load('html-in-property.geojson') as { features: { properties: { name: string } }[] };
    const before = value.features[0].properties.name;
    const issues = validateFeatureCollection(value, 'communes.geojson', rules);
    expect(hasErrors(issues)).toBe(false);
    expect(issues.map((i) => i.code)).toEqual(['html-in-property']);
    expect(value.features[0].properties.name).toBe(before);
    expect(before).toContain('<script>');
  });

  it('does not mutate its input', () => {
    const value = load('outside-france.geojson');
    const copy = structuredClone(value);
    validateFeatureCollection(value, 'communes.geojson', rules);
    expect(value).toEqual(copy);
  });

  it('accepts the DOM only when asked', () => {
    const value = load('dom-point.geojson');
    expect(validateFeatureCollection(value, 'f.geojson', { bounds: 'france_with_dom' })).toEqual([]);
    expect(validateFeatureCollection(value, 'f.geojson', { bounds: 'metropole' }).map((i) => i.code)).toEqual(['outside-france']);
    expect(validateFeatureCollection(value, 'f.geojson', { bounds: 'none' })).toEqual([]);
  });

  it('rejects non-objects and arrays at file level', () => {
    for (const bad of [null, 42, 'x', [], { type: 'FeatureCollection' }]) {
      const issues = validateFeatureCollection(bad, 'x.geojson');
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ level: 'error', code: 'invalid-geojson', featureIndex: null });
      expect(issues[0].message.startsWith('x.geojson : ')).toBe(true);
    }
  });

  it('a feature with no properties has every required property reported absent', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [3.3, 49.4] } }] };
    const issues = validateFeatureCollection(fc, 'x.geojson', { requiredProperties: ['a', 'b'] });
    expect(issues.map((i) => [i.code, i.featureLabel])).toEqual([
      ['missing-field', null],
      ['missing-field', null],
    ]);
    expect(issues[0].message).toBe('x.geojson, entité n° 1 : la propriété obligatoire « a » est absente.');
  });
});

describe('parseJsonText', () => {
  it('turns a syntax error into a not-json issue naming the file', () => {
    const text = fs.readFileSync(path.join(DIR, 'truncated.geojson'), 'utf8');
    const { value, issues } = parseJsonText(text, 'admin/communes.geojson');
    expect(value).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ level: 'error', code: 'not-json', featureIndex: null, featureLabel: null });
    expect(issues[0].message).toMatch(/^admin\/communes\.geojson : le fichier n'est pas du JSON valide \(.+\)\.$/);
  });

  it('parses valid JSON without issue', () => {
    expect(parseJsonText('{"a":1}', 'f.json')).toEqual({ value: { a: 1 }, issues: [] });
  });
});

describe('translateGjvMessage', () => {
  it('translates known geojson-validation messages with their coordinate path', () => {
    expect(translateGjvMessage('at 1: at 3: Position must be at least two elements')).toBe(
      'une position doit contenir au moins deux nombres (longitude, latitude) (coordonnées [1][3])',
    );
    expect(translateGjvMessage('must have a member with the name "geometry"')).toBe('le membre obligatoire « geometry » est absent');
  });

  it('keeps an unknown message verbatim rather than losing it', () => {
    expect(translateGjvMessage('something new')).toBe('erreur de structure GeoJSON (« something new »)');
  });
});
