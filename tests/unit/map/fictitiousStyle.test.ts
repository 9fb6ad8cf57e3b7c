/**
 * Fictitious point sites look fictitious on the map, as fictitious polygons do (hatched, dashed
 * outline): the style's expressions are evaluated here for a real and a fictitious site of each
 * level and status, at the zooms of the dots and of the symbols. A small polygon drawn as a dot
 * (src/map/siteTiles/dots.ts) is such a point, with the same properties.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { expression, featureFilter, latest } = await import('@maplibre/maplibre-gl-style-spec');
const { L, SITE_LAYERS, buildLayers } = await import('../../../src/map/style/layers');
const { FRICHE_STATUSES, READINESS_STYLES, fictitiousIcon } = await import('../../../src/map/style/palette');

type Layer = ReturnType<typeof buildLayers>[number];
type Props = Record<string, string | boolean>;

const layers = buildLayers();
const byId = new Map(layers.map((l) => [l.id, l]));
const layer = (id: string) => byId.get(id)!;

/** A point feature as MapLibre evaluates it (type 1: Point). */
const point = (properties: Props) => ({ type: 1 as const, properties });

/** The value of a layer's paint or layout property for a feature at a zoom (feature-state `out` optional). */
function evaluate(l: Layer, kind: 'paint' | 'layout', prop: string, properties: Props, zoom: number, state: Record<string, unknown> = {}): unknown {
  const value = (l as unknown as Record<string, Record<string, unknown> | undefined>)[kind]?.[prop];
  const spec = (latest as unknown as Record<string, Record<string, unknown>>)[`${kind}_${l.type}`][prop];
  const parsed = expression.createPropertyExpression(value, `${l.id}.${prop}`, spec as never);
  if (parsed.result !== 'success') throw new Error(`${l.id} ${prop}: ${JSON.stringify(parsed.value)}`);
  const v = parsed.value.evaluate({ zoom }, point(properties) as never, state);
  // Colours and images evaluate to objects: compare their text.
  return v !== null && typeof v === 'object' ? String(v) : v;
}

/** The site layers that draw the feature at a zoom (their filter keeps it). */
function drawnBy(properties: Props, zoom: number): string[] {
  return SITE_LAYERS.filter((id) => featureFilter((layer(id) as { filter?: never }).filter, id).filter({ zoom }, point(properties) as never));
}

const plots = READINESS_STYLES.map((r) => ({ props: { id: 'p', kind: 'plot', _level: r.level } as Props, color: r.color, icon: r.icon, dots: L.plotDots, symbols: L.plotPoints }));
const friches = FRICHE_STATUSES.map((s) => ({ props: { id: 'f', kind: 'friche', _status: s.key } as Props, color: s.color, icon: s.icon, dots: L.fricheDots, symbols: L.friches }));
const WHITE = 'rgba(255,255,255,1)';
/** The colour as MapLibre prints it. */
const rgba = (hex: string) => `rgba(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')},1)`;

describe('fictitious point sites on the map', () => {
  it('are drawn by the same layers as real ones (dots and symbols: none is lost)', () => {
    for (const s of [...plots, ...friches]) {
      for (const zoom of [6, 10, 14]) {
        const real = drawnBy(s.props, zoom);
        expect(real).toEqual(expect.arrayContaining([s.dots, s.symbols]));
        expect(drawnBy({ ...s.props, fictitious: true }, zoom), JSON.stringify(s.props)).toEqual(real);
      }
    }
  });

  it('are hollow dots (white centre, ring of their level or status colour), real ones discs of that colour', () => {
    for (const s of [...plots, ...friches]) {
      const l = layer(s.dots);
      const fict = { ...s.props, fictitious: true };
      for (const zoom of [6, 8, 10, 12, 14]) {
        const at = (p: Props, prop: string) => evaluate(l, 'paint', prop, p, zoom);
        expect(at(s.props, 'circle-color'), `${s.dots} ${zoom}`).toBe(rgba(s.color));
        expect(at(fict, 'circle-color')).toBe(WHITE);
        expect(at(fict, 'circle-stroke-color')).toBe(rgba(s.color));
        // The ring is wide enough to read (a pixel or more) and the whole dot about as wide as a real one.
        const ring = at(fict, 'circle-stroke-width') as number;
        expect(ring).toBeGreaterThanOrEqual(1);
        expect(ring).toBeGreaterThan(at(s.props, 'circle-stroke-width') as number);
        const outer = (p: Props) => (at(p, 'circle-radius') as number) + (at(p, 'circle-stroke-width') as number);
        expect(Math.abs(outer(fict) - outer(s.props))).toBeLessThanOrEqual(0.5);
        // The filters still hide it through feature-state (unlessOut).
        for (const prop of ['circle-opacity', 'circle-stroke-opacity']) {
          expect(at(fict, prop)).toBe(1);
          expect(evaluate(l, 'paint', prop, fict, zoom, { out: true })).toBe(0);
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
