/**
 * The site sheet's minimap marks a fictitious site as the main map does: its polygon hatched with
 * the main style's pattern and outlined with the main style's dashes, its marker hollow (white
 * centre); a real site keeps a plain fill, a solid outline and a full marker. The style is
 * evaluated here as MapLibre evaluates it (filters and paint values per feature).
 */
import { describe, expect, it, vi } from 'vitest';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Site } from '../../../src/domain/types';
import type { Props } from '../map/styleEval';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { featureFilter, validateStyleMin } = await import('@maplibre/maplibre-gl-style-spec');
const { evaluate } = await import('../map/styleEval');
const { minimapStyle } = await import('../../../src/map/minimap/style');
const { L, buildLayers } = await import('../../../src/map/style/layers');
const { HATCH_PATTERN } = await import('../../../src/map/style/palette');

const square = {
  type: 'Polygon' as const,
  coordinates: [[[3.3, 49.38], [3.31, 49.38], [3.31, 49.39], [3.3, 49.39], [3.3, 49.38]]],
};
const site = (fictitious: boolean, polygon: boolean) =>
  ({
    type: 'Feature',
    geometry: polygon ? square : { type: 'Point', coordinates: [3.3, 49.38] },
    properties: { id: 'x', name: 'x', kind: 'plot', fictitious },
  }) as unknown as Site;

/** What the minimap draws of its site: for each layer on the site's sources that keeps the feature, its paint. */
function drawn(fictitious: boolean, polygon: boolean): Record<string, Record<string, unknown>> {
  const style = minimapStyle({ site: site(fictitious, polygon), connectors: [], context: {} });
  expect(validateStyleMin(style as never)).toEqual([]);
  const out: Record<string, Record<string, unknown>> = {};
  for (const l of style.layers as LayerSpecification[]) {
    if (!('source' in l) || !['site', 'site-marker'].includes(l.source as string)) continue;
    // The feature of the layer's source as the style gives it: the polygon itself on `site`, a point (the marker) on `site-marker`.
    const f = (style.sources[l.source as string] as { data: { properties: Props; geometry: { type: string } } }).data;
    const props = f.properties;
    const type = f.geometry.type === 'Point' ? 1 : 3;
    if (!featureFilter((l as { filter?: never }).filter, l.id).filter({ zoom: 13 }, { type, properties: props } as never)) continue;
    out[l.id] = Object.fromEntries(Object.keys(l.paint ?? {}).map((p) => [p, evaluate(l, 'paint', p, props, 13, {}, type)]));
  }
  return out;
}

const main = buildLayers();
const mainDash = (fictitious: boolean) => evaluate(main.find((l) => l.id === L.plotOutline)!, 'paint', 'line-dasharray', { fictitious }, 13, {}, 3);

describe('the site sheet minimap', () => {
  it('hatches a fictitious polygon with the main map’s pattern and dashes its outline as the main map does', () => {
    const fict = drawn(true, true);
    const hatches = Object.values(fict).filter((p) => p['fill-pattern'] === HATCH_PATTERN);
    expect(hatches.length).toBe(1);
    expect(fict['site-line']['line-dasharray']).toEqual(mainDash(true));
    expect(mainDash(true)).not.toEqual(mainDash(false));
    // A real polygon: no hatch, the main map's solid outline.
    const real = drawn(false, true);
    expect(Object.values(real).filter((p) => 'fill-pattern' in p)).toEqual([]);
    expect(real['site-line']['line-dasharray']).toEqual(mainDash(false));
  });

  it('draws a fictitious site’s marker hollow (a white centre over it), a real one full', () => {
    for (const polygon of [false, true]) {
      const markers = (d: Record<string, Record<string, unknown>>) => Object.entries(d).filter(([, p]) => 'circle-color' in p);
      const fict = markers(drawn(true, polygon));
      const real = markers(drawn(false, polygon));
      expect(real.map(([id]) => id)).toEqual(['site-point']);
      expect(fict.length).toBe(2);
      const [disc, centre] = fict.map(([, p]) => p);
      expect(disc['circle-color']).toBe(real[0][1]['circle-color']);
      expect(centre['circle-color']).toBe('rgba(255,255,255,1)');
      expect(centre['circle-radius'] as number).toBeLessThan(disc['circle-radius'] as number);
    }
  });
});
