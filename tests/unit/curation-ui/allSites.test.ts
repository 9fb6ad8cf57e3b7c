import { describe, expect, it } from 'vitest';
import { allSites } from '../../../src/state/store';
import type { Site } from '../../../src/domain/types';

function site(id: string, name = id): Site {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [3.3, 49.4] },
    properties: { id, name } as Site['properties'],
  };
}

describe('allSites with curation drafts', () => {
  const sites = [site('a'), site('b'), site('c')];
  const sampleSites: Site[] = [];

  it('shows the published sites when there is no draft', () => {
    expect(allSites({ sites, sampleSites, draftSites: [], deletedSiteIds: [] }).map((s) => s.properties.id)).toEqual(['a', 'b', 'c']);
  });

  it('replaces a published site by its draft, in place, and appends new drafts', () => {
    const out = allSites({ sites, sampleSites, draftSites: [site('new'), site('b', 'B édité')], deletedSiteIds: [] });
    expect(out.map((s) => s.properties.id)).toEqual(['a', 'b', 'c', 'new']);
    expect(out[1].properties.name).toBe('B édité');
  });

  it('hides sites deleted in a draft, published or new', () => {
    const out = allSites({ sites, sampleSites, draftSites: [site('new')], deletedSiteIds: ['a', 'new'] });
    expect(out.map((s) => s.properties.id)).toEqual(['b', 'c']);
  });

  it('returns the same array for the same inputs (safe in selectors)', () => {
    const state = { sites, sampleSites, draftSites: [site('x')], deletedSiteIds: [] };
    expect(allSites(state)).toBe(allSites({ ...state }));
  });
});
