import { describe, expect, it, vi } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { DataManifest, Site } from '../../../src/domain/types';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn(), Map: class {}, Popup: class {}, NavigationControl: class {}, ScaleControl: class {}, getWorkerUrl: () => '', setWorkerUrl: () => undefined }));
vi.mock('maplibre-gl/dist/maplibre-gl-worker.mjs?url', () => ({ default: '' }));
vi.mock('maplibre-gl/dist/maplibre-gl.css', () => ({}));
vi.mock('../../../src/map/map.css', () => ({}));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { legendCounts, countLabel, filteredSuffix, realCountLabel } = await import('../../../src/ui/map/counts');
const { translate } = await import('../../../src/ui/i18n');

const site = (id: string, kind: 'friche' | 'plot', extra: Record<string, unknown> = {}): Site =>
  ({ type: 'Feature', geometry: { type: 'Point', coordinates: [3.3, 49.4] }, properties: { id, kind, fictitious: false, friche_status: null, readiness: {}, ...extra } }) as unknown as Site;

describe('legend counts', () => {
  const communes: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { epci_siren: 'A' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      { type: 'Feature', properties: { epci_siren: 'A' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      { type: 'Feature', properties: { epci_siren: 'B' }, geometry: { type: 'Point', coordinates: [0, 0] } },
    ],
  };
  const manifest = { generated_at: '', layers: { epci: { count: 4 }, stations: { count: 29 } } } as unknown as DataManifest;

  it('counts communes by EPCI, friches by status and plots by level, fictitious apart', () => {
    const c = legendCounts({ communes }, manifest, [
      site('f1', 'friche', { friche_status: 'friche potentielle' }),
      site('f2', 'friche', { friche_status: 'friche avec projet', fictitious: true }),
      site('p1', 'plot', { fictitious: true }),
      site('p2', 'plot'),
    ]);
    expect(c.communes).toBe(3);
    expect(c.epci).toBe(4); // from the manifest when the layer is not loaded
    expect(c.stations).toBe(29);
    expect(c.communesByEpci).toEqual({ A: 2, B: 1 });
    expect(c.friches).toBe(2);
    expect(c.fictitiousFriches).toBe(1);
    expect(c.fricheByStatus).toMatchObject({ potentielle: 1, avec_projet: 1, sans_projet: 0 });
    expect(c.plots).toBe(2);
    expect(c.fictitiousPlots).toBe(1);
    expect(c.plotsByLevel.inconnu).toBe(2);
  });

  it('counts follow the filters: the shown sites, with the totals kept apart', () => {
    const all = [site('f1', 'friche', { friche_status: 'friche potentielle' }), site('f2', 'friche', { friche_status: 'friche sans projet' }), site('p1', 'plot')];
    const c = legendCounts({ communes }, manifest, [all[1]], all);
    expect(c.friches).toBe(1);
    expect(c.fricheByStatus).toMatchObject({ potentielle: 0, sans_projet: 1 });
    expect(c.plots).toBe(0);
    expect([c.allFriches, c.allPlots, c.filtered]).toEqual([2, 1, true]);
    const fr = (k: string, p?: Record<string, string | number>) => translate('fr', k, p);
    expect(realCountLabel(fr, 'friches', c.friches, 0, String) + filteredSuffix(fr, c.filtered, c.allFriches, String)).toBe('1 friche · filtres actifs, 2 au total');
    const unfiltered = legendCounts({ communes }, manifest, all, all);
    expect(unfiltered.filtered).toBe(false);
    expect(filteredSuffix(fr, unfiltered.filtered, 2, String)).toBe('');
  });

  it('words counts in the singular or the plural', () => {
    const t = (k: string, p?: Record<string, string | number>) => `${k}:${p?.n}`;
    expect(countLabel(t, 'communes', 163, String)).toBe('map.count.communes.other:163');
    expect(countLabel(t, 'friches', 1, String)).toBe('map.count.friches.one:1');
    expect(countLabel(t, 'plots', 0, String)).toBe('map.count.plots.one:0');
  });

  it('counts real sites apart from the fictitious sample, never mixed (« 23 friches + 49 fictives »)', () => {
    const fr = (k: string, p?: Record<string, string | number>) => translate('fr', k, p);
    expect(realCountLabel(fr, 'friches', 72, 49, String)).toBe('23 friches + 49 fictives');
    expect(realCountLabel(fr, 'plots', 251, 251, String)).toBe('0 terrain + 251 fictifs');
    expect(realCountLabel(fr, 'friches', 23, 0, String)).toBe('23 friches');
  });
});
