/**
 * When is a draft published (src/domain/publication.ts)? Golden in/out:
 * tests/fixtures/drafts/published.in.json → published.golden.json (rewritten only by
 * `UPDATE_GOLDEN=1`): the fields on which each draft differs from the public version.
 */
import { describe, expect, it } from 'vitest';
import { isPublishedOutline, isPublishedVersion, publishedDifferences } from '../../../src/domain/publication';
import type { Site } from '../../../src/domain/types';
import { expectGolden, fixture } from './helpers';

const cases = fixture<{ case: string; draft: Site; published: Site }[]>('published.in.json');

describe('a draft is published when the public data holds an identical version', () => {
  it('compares what a curator typed, ignores what the build computes (golden)', () => {
    expectGolden(
      'published.golden.json',
      cases.map((c) => ({ case: c.case, differences: publishedDifferences(c.draft, c.published) })),
    );
  });

  it('identical, computed-only and rounding differences are published; a typed change is not', () => {
    const by = (name: string) => cases.find((c) => c.case === name)!;
    for (const name of ['identical', 'computed fields and metadata differ: still published', 'coordinates within the export rounding', 'sectors in another order', 'published version has more fields (producer, contact)', 'public data attached a zone the draft left empty', 'empty string and null are the same']) {
      expect(isPublishedVersion(by(name).draft, by(name).published), name).toBe(true);
    }
    for (const name of ['coordinates moved', 'a typed field differs', 'a field cleared in the draft, still set in the public data', 'checklist status differs', 'draft names a zone the public data does not', 'an extra field of the draft differs']) {
      expect(isPublishedVersion(by(name).draft, by(name).published), name).toBe(false);
    }
  });

  it('zone outlines: same outline (within 1e-7°), or no outline on both sides', () => {
    const ring = [[3.3, 49.3], [3.31, 49.3], [3.31, 49.31], [3.3, 49.3]];
    const a = { type: 'Polygon' as const, coordinates: [ring] };
    const b = { type: 'Polygon' as const, coordinates: [ring.map(([x, y]) => [x + 5e-8, y])] };
    expect(isPublishedOutline(a, b)).toBe(true);
    expect(isPublishedOutline(null, null)).toBe(true);
    expect(isPublishedOutline(a, null)).toBe(false);
    expect(isPublishedOutline(null, a)).toBe(false);
  });

  it('a plot published through a package: the official values it typed are in the published ones, and the package gave it its contact', () => {
    const identical = cases.find((c) => c.case === 'identical')!;
    const pub = { producer: 'CC Test', producer_siren: '200000000', contact: { name: 'Service éco', email: 'a@example.org', phone: null, url: null }, date: '2026-01-02', licence: 'LO 2.0', package: 'p', fictitious: true };
    const draft: Site = { ...identical.draft, properties: { ...identical.draft.properties, contact: null, cnig: { terr_maitrise_fonc: 'structure intercommunale', terr_etat_occup: 'vacant' } } };
    const published: Site = {
      ...identical.published,
      properties: {
        ...identical.published.properties,
        contact: 'Service éco — a@example.org',
        publication: pub,
        cnig: { terr_id: 'X', terr_maitrise_fonc: 'structure intercommunale', terr_etat_occup: 'vacant', terr_usage: 'inconnu' },
      },
    };
    expect(publishedDifferences(draft, published)).toEqual([]);
    // A typed official value the package does not hold, or another contact: not published.
    expect(publishedDifferences({ ...draft, properties: { ...draft.properties, cnig: { terr_etat_occup: 'occupé' } } }, published)).toEqual(['cnig']);
    expect(publishedDifferences(draft, { ...published, properties: { ...published.properties, contact: 'Quelqu’un d’autre' } })).toEqual(['contact']);
    expect(publishedDifferences(draft, { ...published, properties: { ...published.properties, publication: null } })).toEqual(['contact']);
  });
});
