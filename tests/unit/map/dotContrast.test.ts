/**
 * RGAA 3.3 / WCAG 1.4.11 (non-text contrast): a site's dot (point sites where they are too dense
 * for symbols) must stand out at 3:1 or more against every background it can sit on. The dot's
 * outermost colour (its edge when it has one, else its fill) is read from the style for each
 * readiness level and friche status, real and fictitious, at the zooms dots are drawn; the
 * backgrounds are composited over white from the style's own layers: the page background, the
 * PETR mask, each EPCI tint at its zoom's opacity, the activity-zone tint over each of those, and
 * the fills of site polygons (a point site may lie in a polygon one). A fictitious site's dot is
 * hollow: its centre must stand out from the disc at 3:1 too.
 */
import { describe, expect, it, vi } from 'vitest';
import { contrastRatio, over, parseColor, type Rgb } from '../../../src/domain/contrast';
import type { Props } from './styleEval';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { evaluate } = await import('./styleEval');
const { L, buildLayers } = await import('../../../src/map/style/layers');
const { EPCI_FILLS, FRICHE_STATUSES, READINESS_STYLES } = await import('../../../src/map/style/palette');
const { EPCI_FILL_KEY } = await import('../../../src/map/sources');

const layers = buildLayers();
const layer = (id: string) => layers.find((l) => l.id === id)!;
const paint = (id: string, prop: string, zoom: number, properties: Props = {}, type: 1 | 3 = 1) => evaluate(layer(id), 'paint', prop, properties, zoom, {}, type);
const color = (v: unknown) => parseColor(String(v));

/** Zooms where dots may be drawn (below the zoom where symbols are safe: set from the density). */
const ZOOMS = [5, 6, 8, 10, 12, 14, 16];

/** Every background a dot sits on at `zoom`, named, as one opaque colour. */
function backgrounds(zoom: number): [string, Rgb][] {
  const white = color(paint(L.background, 'background-color', zoom));
  const fill = (id: string, below: Rgb, props: Props = {}, type: 1 | 3 = 1) =>
    over(color(paint(id, 'fill-color', zoom, props, type)), paint(id, 'fill-opacity', zoom, props, type) as number, below);
  const out: [string, Rgb][] = [
    ['fond', white],
    ['masque PETR', fill(L.petrMask, white)],
  ];
  for (const c of EPCI_FILLS) {
    const epci = fill(L.epciFill, white, { [EPCI_FILL_KEY]: c });
    out.push([`EPCI ${c}`, epci], [`ZAE sur EPCI ${c}`, fill(L.zonesFill, epci)]);
  }
  out.push(['ZAE', fill(L.zonesFill, white)]);
  for (const r of READINESS_STYLES) out.push([`parcelle ${r.level}`, fill(L.plotFill, white, { kind: 'plot', _level: r.level }, 3)]);
  for (const s of FRICHE_STATUSES) out.push([`friche ${s.key}`, fill(L.fricheFill, white, { kind: 'friche', _status: s.key }, 3)]);
  return out;
}

/** The dot's outermost colour: its edge when it has one, else its fill. */
function outermost(id: string, props: Props, zoom: number): Rgb {
  const edge = paint(id, 'circle-stroke-width', zoom, props) as number;
  return color(paint(id, edge > 0 ? 'circle-stroke-color' : 'circle-color', zoom, props));
}

const dots = [
  ...READINESS_STYLES.map((r) => ({ name: `parcelle ${r.level}`, layer: L.plotDots, props: { kind: 'plot', _level: r.level } as Props })),
  ...FRICHE_STATUSES.map((s) => ({ name: `friche ${s.key}`, layer: L.fricheDots, props: { kind: 'friche', _status: s.key } as Props })),
];

describe('WCAG contrast ratio', () => {
  it('matches the reference values', () => {
    expect(contrastRatio(parseColor('#000'), parseColor('#ffffff'))).toBeCloseTo(21, 6);
    expect(contrastRatio(parseColor('#777777'), parseColor('#fff'))).toBeCloseTo(4.48, 2);
    expect(contrastRatio(parseColor('rgba(221,170,51,1)'), parseColor('#ffffff'))).toBeCloseTo(2.13, 2);
    expect(contrastRatio(parseColor('#ddaa33'), parseColor('#ddaa33'))).toBe(1);
    // Black at half opacity over white: mid grey.
    expect(over(parseColor('#000000'), 0.5, parseColor('#ffffff'))).toEqual([127.5, 127.5, 127.5]);
    expect(() => parseColor('jaune')).toThrow(/jaune/);
  });
});

describe('contrast of the site dots (WCAG 1.4.11)', () => {
  it('reads the EPCI tint of the feature, as the map does', () => {
    // The backgrounds above are only right if the EPCI fill follows the feature's colour.
    expect(String(paint(L.epciFill, 'fill-color', 8, { [EPCI_FILL_KEY]: EPCI_FILLS[1] }))).toBe('rgba(238,221,136,1)');
  });

  it('gives every dot, real or fictitious, an edge of 3:1 or more against every background', () => {
    const failures: string[] = [];
    let lowest = Infinity;
    for (const zoom of ZOOMS) {
      const bgs = backgrounds(zoom);
      for (const d of dots) {
        for (const fictitious of [false, true]) {
          const edge = outermost(d.layer, { ...d.props, fictitious }, zoom);
          for (const [bg, rgb] of bgs) {
            const ratio = contrastRatio(edge, rgb);
            lowest = Math.min(lowest, ratio);
            if (ratio < 3) failures.push(`z${zoom} ${d.name}${fictitious ? ' fictif' : ''} sur ${bg} : ${ratio.toFixed(2)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(lowest).toBeGreaterThanOrEqual(3);
  });

  it('hollows every fictitious dot with a centre of 3:1 or more against its disc', () => {
    const holes: Record<string, string> = { [L.plotDots]: L.plotDotHoles, [L.fricheDots]: L.fricheDotHoles };
    const failures: string[] = [];
    let lowest = Infinity;
    for (const zoom of ZOOMS) {
      for (const d of dots) {
        const props = { ...d.props, fictitious: true };
        const ratio = contrastRatio(color(paint(holes[d.layer], 'circle-color', zoom, props)), color(paint(d.layer, 'circle-color', zoom, props)));
        lowest = Math.min(lowest, ratio);
        if (ratio < 3) failures.push(`z${zoom} ${d.name} fictif : centre ${ratio.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(lowest).toBeGreaterThanOrEqual(3);
  });
});
