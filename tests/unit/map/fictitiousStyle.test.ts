/**
 * Fictitious point sites look fictitious on the map, as fictitious polygons do (hatched, dashed
 * outline): the style's expressions are evaluated here for a real and a fictitious site of each
 * level and status, at the zooms of the dots and of the symbols. A small polygon drawn as a dot
 * (src/map/siteTiles/dots.ts) is such a point, with the same properties.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Props } from './styleEval';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { featureFilter } = await import('@maplibre/maplibre-gl-style-spec');
const { evaluate, feature: point } = await import('./styleEval');
const { L, SITE_LAYERS, buildLayers } = await import('../../../src/map/style/layers');
const { FRICHE_STATUSES, READINESS_STYLES, fictitiousIcon } = await import('../../../src/map/style/palette');


const layers = buildLayers();
const byId = new Map(layers.map((l) => [l.id, l]));
const layer = (id: string) => byId.get(id)!;

/** The site layers that draw the feature at a zoom (their filter keeps it). */
function drawnBy(properties: Props, zoom: number): string[] {
  return SITE_LAYERS.filter((id) => featureFilter((layer(id) as { filter?: never }).filter, id).filter({ zoom }, point(properties) as never));
}

const plots = READINESS_STYLES.map((r) => ({ props: { id: 'p', kind: 'plot', _level: r.level } as Props, color: r.color, icon: r.icon, dots: L.plotDots, holes: L.plotDotHoles, symbols: L.plotPoints }));
const friches = FRICHE_STATUSES.map((s) => ({ props: { id: 'f', kind: 'friche', _status: s.key } as Props, color: s.color, icon: s.icon, dots: L.fricheDots, holes: L.fricheDotHoles, symbols: L.friches }));
const WHITE = 'rgba(255,255,255,1)';
const DARK = 'rgba(30,30,30,1)';
/** The colour as MapLibre prints it. */
const rgba = (hex: string) => `rgba(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')},1)`;

describe('fictitious point sites on the map', () => {
  it('are drawn by the same layers as real ones (dots and symbols: none is lost)', () => {
    for (const s of [...plots, ...friches]) {
      for (const zoom of [6, 10, 14]) {
        // The tile says whether its zoom draws symbols or dots (DRAW_FLAGS, src/map/drawZooms.ts).
        for (const _sym of [0, 1]) {
          const props = { ...s.props, _sym };
          const real = drawnBy(props, zoom);
          expect(real).toContain(_sym ? s.symbols : s.dots);
          expect(real).not.toContain(_sym ? s.dots : s.symbols);
          expect(drawnBy({ ...props, fictitious: true }, zoom), JSON.stringify(props)).toEqual(real);
        }
      }
    }
  });

  it('are hollow dots (a white centre, dark on a light disc, over the disc of their level or status colour), real ones plain discs', () => {
    const keeps = (id: string, p: Props, zoom: number) => featureFilter((layer(id) as { filter?: never }).filter, id).filter({ zoom }, point(p) as never);
    for (const s of [...plots, ...friches]) {
      const l = layer(s.dots);
      const holes = layer(s.holes);
      // (A tile whose zoom draws dots: DRAW_FLAGS.)
      const fict = { ...s.props, _sym: 0, fictitious: true };
      // The centre is drawn over the fictitious dots only, just over their own layer.
      expect(keeps(s.holes, fict, 10)).toBe(true);
      expect(keeps(s.holes, { ...s.props, _sym: 0 }, 10)).toBe(false);
      expect(keeps(s.holes, { ...fict, _sym: 1 }, 10)).toBe(false);
      expect(keeps(s.holes, { ...fict, kind: s.props.kind === 'plot' ? 'friche' : 'plot' }, 10)).toBe(false);
      expect(layers.findIndex((x) => x.id === s.holes)).toBe(layers.findIndex((x) => x.id === s.dots) + 1);
      for (const zoom of [6, 8, 10, 12, 14]) {
        const at = (p: Props, prop: string) => evaluate(l, 'paint', prop, p, zoom);
        // The same disc for both: the colour keeps its meaning.
        expect(at(s.props, 'circle-color'), `${s.dots} ${zoom}`).toBe(rgba(s.color));
        expect(at(fict, 'circle-color')).toBe(rgba(s.color));
        expect(at(fict, 'circle-radius')).toBe(at(s.props, 'circle-radius'));
        // White, except on the two light discs (friche potentielle, à préparer): the dots' dark edge colour.
        const light = ['#e69f00', '#ddaa33'].includes(s.color);
        expect(evaluate(holes, 'paint', 'circle-color', fict, zoom), `${s.holes} ${s.color}`).toBe(light ? DARK : WHITE);
        // The ring of colour left around the centre is wide enough to read (0.9 px at zoom 6, more above).
        const ring = (at(fict, 'circle-radius') as number) - (evaluate(holes, 'paint', 'circle-radius', fict, zoom) as number);
        expect(ring, `${s.dots} ${zoom}`).toBeGreaterThanOrEqual(0.9 - 1e-9);
        // The filters still hide both through feature-state (unlessOut).
        for (const [ly, prop] of [[l, 'circle-opacity'], [l, 'circle-stroke-opacity'], [holes, 'circle-opacity']] as const) {
          expect(evaluate(ly, 'paint', prop, fict, zoom)).toBe(1);
          expect(evaluate(ly, 'paint', prop, fict, zoom, { out: true })).toBe(0);
        }
      }
    }
  });

  it('have the fictitious variant of their icon (striped, dashed outline), real ones the plain icon', () => {
    for (const s of [...plots, ...friches]) {
      const l = layer(s.symbols);
      for (const zoom of [8, 12, 16]) {
        expect(evaluate(l, 'layout', 'icon-image', s.props, zoom)).toBe(s.icon);
        expect(evaluate(l, 'layout', 'icon-image', { ...s.props, fictitious: true }, zoom)).toBe(fictitiousIcon(s.icon));
        expect(evaluate(l, 'paint', 'icon-opacity', { ...s.props, fictitious: true }, zoom, { out: true })).toBe(0);
      }
    }
    expect(new Set([...plots, ...friches].map((s) => fictitiousIcon(s.icon))).size).toBe(plots.length + friches.length);
    // A site with no known level or status falls back to the fictitious variant of the fallback icon.
    expect(evaluate(layer(L.plotPoints), 'layout', 'icon-image', { kind: 'plot', fictitious: true }, 12)).toBe(fictitiousIcon('plot-inconnu'));
    expect(evaluate(layer(L.friches), 'layout', 'icon-image', { kind: 'friche', fictitious: true }, 12)).toBe(fictitiousIcon('friche-autre'));
  });
});
