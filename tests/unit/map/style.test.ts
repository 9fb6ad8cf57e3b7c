import { describe, expect, it, vi } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { LAYER_IDS } from '../../../src/domain/types';

vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { LAYER_GROUPS, L, SITE_LAYERS, FILTERED_SITE_LAYERS, buildLayers, unlessOut } = await import(
  '../../../src/map/style/layers'
);
const { FRICHE_STATUSES, READINESS_STYLES, epciColors, fricheStatusKey } = await import('../../../src/map/style/palette');
const { SOURCE_IDS } = await import('../../../src/map/sources');

describe('map style', () => {
  const layers = buildLayers();
  const ids = layers.map((l) => l.id);

  it('has unique layer ids and only references declared sources', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const sources = new Set<string>(Object.values(SOURCE_IDS));
    for (const l of layers) if ('source' in l && l.source) expect(sources.has(l.source as string), l.id).toBe(true);
  });

  it('every user-facing layer switches existing map layers, and every data layer belongs to one', () => {
    for (const id of LAYER_IDS) {
      expect(LAYER_GROUPS[id].length, id).toBeGreaterThan(0);
      for (const layer of LAYER_GROUPS[id]) expect(ids, `${id} → ${layer}`).toContain(layer);
    }
    for (const l of [...SITE_LAYERS, ...FILTERED_SITE_LAYERS]) expect(ids).toContain(l);
  });

  it('is a valid MapLibre style (feature-state only where the spec allows it)', async () => {
    const { validateStyleMin } = await import('@maplibre/maplibre-gl-style-spec');
    const sources = Object.fromEntries(Object.values(SOURCE_IDS).map((id) => [id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }]));
    const errors = validateStyleMin({ version: 8, glyphs: 'atlas-glyphs://{fontstack}/{range}', sources, layers } as never);
    expect(errors.map((e: { message: string }) => e.message)).toEqual([]);
  });

  it('uses only locally served glyphs and no remote URL anywhere', () => {
    const json = JSON.stringify(layers);
    expect(json).not.toMatch(/https?:\/\//);
    const fonts = new Set<string>();
    for (const l of layers) {
      const f = (l.layout as Record<string, unknown> | undefined)?.['text-font'];
      if (f) for (const m of JSON.stringify(f).matchAll(/Noto Sans \w+/g)) fonts.add(m[0]);
    }
    expect([...fonts].sort()).toEqual(['Noto Sans Bold', 'Noto Sans Italic', 'Noto Sans Regular']);
  });

  it('draws commune labels, the N2 label and the Roissy caveat label', () => {
    const byId = Object.fromEntries(layers.map((l) => [l.id, l]));
    expect(byId[L.communesLabel].type).toBe('symbol');
    expect(JSON.stringify(byId[L.rn2Shield].layout)).toContain('N2');
    expect((byId[L.roissyLabel] as { filter?: unknown }).filter).toEqual(['==', ['get', 'kind'], 'computed_line_crossing']);
    // The LGV is dashed, as the schematic Roissy mark; nothing draws a line for the Roissy link.
    expect((byId[L.lgv].paint as Record<string, unknown>)['line-dasharray']).toBeTruthy();
    expect(layers.filter((l) => 'source' in l && l.source === SOURCE_IDS.roissy).every((l) => l.type === 'symbol')).toBe(true);
  });

  it('hides filtered-out sites through feature-state, keeping zoom curves at the top level', () => {
    const out = ['boolean', ['feature-state', 'out'], false];
    expect(unlessOut(0.4)).toEqual(['case', out, 0, 0.4]);
    const curve = ['step', ['zoom'], 1, 14, ['case', ['==', ['get', '_geom'], 'polygon'], 0, 1]] as never;
    expect(unlessOut(curve)).toEqual(['step', ['zoom'], ['case', out, 0, 1], 14, ['case', out, 0, ['case', ['==', ['get', '_geom'], 'polygon'], 0, 1]]]);
    expect(unlessOut(['interpolate', ['linear'], ['zoom'], 8, 0.5, 12, 1] as never)).toEqual([
      'interpolate', ['linear'], ['zoom'], 8, ['case', out, 0, 0.5], 12, ['case', out, 0, 1],
    ]);
  });

  it('filters and selection never rebuild the sites tiles: no filter on ids, filtered layers fade out by feature-state', () => {
    const byId = Object.fromEntries(layers.map((l) => [l.id, l]));
    const opacity: Record<string, string> = { fill: 'fill-opacity', line: 'line-opacity', circle: 'circle-opacity' };
    for (const id of FILTERED_SITE_LAYERS) {
      const l = byId[id] as { type: string; filter?: unknown; paint?: Record<string, unknown> };
      expect(JSON.stringify(l.filter ?? null), id).not.toContain('"id"');
      const props = l.type === 'symbol' ? (id === L.sitesLabel ? ['text-opacity'] : ['icon-opacity']) : [opacity[l.type]];
      for (const p of props) expect(JSON.stringify(l.paint?.[p]), `${id} ${p}`).toContain('["feature-state","out"]');
    }
    // The selection has its own source: the sites source's state-dependent layers are only the filtered ones.
    for (const id of [L.selectedHalo, L.selectedFill, L.selectedPoint]) {
      const l = byId[id] as { source?: string; filter?: unknown };
      expect(l.source, id).toBe(SOURCE_IDS.selection);
      expect(JSON.stringify(l.filter ?? null), id).not.toContain('"id"');
    }
    const stateful = layers.filter((l) => 'source' in l && l.source === SOURCE_IDS.sites && JSON.stringify(l).includes('feature-state'));
    expect(stateful.map((l) => l.id).sort()).toEqual([...FILTERED_SITE_LAYERS].sort());
  });

  it('tells friche statuses apart by shape, not colour alone', () => {
    const shapes = FRICHE_STATUSES.map((s) => s.shape);
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(new Set(READINESS_STYLES.map((r) => r.letter)).size).toBe(READINESS_STYLES.length);
    expect(fricheStatusKey('friche potentielle')).toBe('potentielle');
    expect(fricheStatusKey('Friche sans projet')).toBe('sans_projet');
    expect(fricheStatusKey('friche avec projet')).toBe('avec_projet');
    expect(fricheStatusKey('friche reconvertie')).toBe('reconvertie');
    expect(fricheStatusKey(null)).toBe('autre');
  });

  it('gives each EPCI a stable, distinct fill', () => {
    const a = epciColors(['240200519', '200071991', '240200477', '240200501']);
    const b = epciColors(['200071991', '240200477', '240200501', '240200519', '240200477']);
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect(new Set(a.values()).size).toBe(4);
  });

  it('fills each EPCI with its colour, carried by its feature (no style change when the data comes)', async () => {
    const { createExpression } = await import('@maplibre/maplibre-gl-style-spec');
    const { baseFeatures, EPCI_FILL_KEY, MERGED_KEY } = await import('../../../src/map/sources');
    const sirens = ['240200519', '200071991', '240200477', '240200501'];
    const square = (i: number): Polygon => ({ type: 'Polygon', coordinates: [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]] });
    const epci: FeatureCollection = {
      type: 'FeatureCollection',
      features: sirens.map((s, i) => ({ type: 'Feature', properties: { epci_siren: Number(s), nom: `EPCI ${i}` }, geometry: square(i) })),
    };
    const communes: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { nom: 'C' }, geometry: square(9) }] };
    const base = baseFeatures({ epci, communes });
    const fill = layers.find((l) => l.id === L.epciFill) as { paint: { 'fill-color': unknown } };
    const parsed = createExpression(fill.paint['fill-color'], 'fill-color', { type: 'color' } as never);
    expect(parsed.result).toBe('success');
    const colorOf = (properties: Record<string, unknown>) => {
      const c = (parsed.value as { evaluate: (g: unknown, f: unknown) => { toString(): string } }).evaluate({ zoom: 9 }, { type: 'Polygon', properties });
      return c.toString();
    };
    const expected = epciColors(sirens);
    const hex = (h: string) => `rgba(${[1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)).join(',')},1)`;
    const epciFeatures = base.features.filter((f) => f.properties?.[MERGED_KEY] === SOURCE_IDS.epci);
    expect(epciFeatures).toHaveLength(4);
    for (const f of epciFeatures) expect(colorOf(f.properties!)).toBe(hex(expected.get(String(f.properties!.epci_siren))!));
    // Nothing else carries a fill; a feature without one is grey.
    for (const f of base.features.filter((g) => g.properties?.[MERGED_KEY] !== SOURCE_IDS.epci)) expect(f.properties![EPCI_FILL_KEY]).toBeUndefined();
    expect(colorOf({})).toBe(hex('#dddddd'));
  });
});

describe('map sources', async () => {
  const { labelPoints, maskOutside, siteFeatures, zoneFeatures } = await import('../../../src/map/sources');
  const { labelPoint, signedArea } = await import('../../../src/domain/labelPoint');
  // A "U" shape: its centroid and bbox centre fall in the notch, outside the polygon.
  const u: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ],
  };

  it('puts label points inside concave polygons', () => {
    const [x, y] = labelPoint(u);
    const inNotch = x > 1 && x < 2 && y > 1;
    expect(inNotch).toBe(false);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(3);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(y).toBeLessThanOrEqual(3);
  });

  it('makes one label point per polygon, with its properties', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'A' }, geometry: u },
        { type: 'Feature', properties: { name: 'P' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    };
    const pts = labelPoints(fc);
    expect(pts.features).toHaveLength(1);
    expect(pts.features[0].properties).toEqual({ name: 'A' });
  });

  it('masks the outside of the PETR with holes wound against the world ring', () => {
    for (const ring of [u.coordinates[0], [...u.coordinates[0]].reverse()]) {
      const mask = maskOutside({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] });
      const g = mask.features[0].geometry as Polygon;
      expect(g.coordinates).toHaveLength(2);
      expect(Math.sign(signedArea(g.coordinates[0]))).toBe(1);
      expect(Math.sign(signedArea(g.coordinates[1]))).toBe(-1);
    }
    expect(maskOutside(undefined).features).toHaveLength(0);
  });

  it('flattens sites for the style with their derived level or status, and only what the style reads', () => {
    const readiness = Object.fromEntries(
      ['land_control', 'planning', 'environment_inventory', 'archaeology', 'environmental_procedures', 'utilities', 'soil_pollution'].map((k) => [
        k,
        { status: 'fait', date: null, source: null },
      ]),
    );
    const fc = siteFeatures([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [3.3, 49.4] }, properties: { id: 'f1', name: 'F', kind: 'friche', friche_status: 'friche avec projet', fictitious: false, readiness: {} } as never },
      { type: 'Feature', geometry: u, properties: { id: 'p1', name: 'P', kind: 'plot', friche_status: null, fictitious: true, readiness } as never },
    ]);
    // A friche is drawn by its status, any other site by its readiness level; `fictitious` only
    // when true; points and polygons are told apart by the style's `geometry-type` (lighter
    // features: each property is copied to MapLibre's worker and kept in every tile).
    expect(fc.features[0].properties).toEqual({ id: 'f1', name: 'F', kind: 'friche', _status: 'avec_projet' });
    expect(fc.features[1].properties).toEqual({ id: 'p1', name: 'P', kind: 'plot', _level: 'cle_en_main', fictitious: true });
    expect(fc.features[0].properties).not.toHaveProperty('_fid');
    // The integer feature id the sites source promotes (feature-state key), from the caller's mapping.
    const ids = new Map([['f1', 7], ['p1', 8]]);
    const withFid = siteFeatures(fc.features as never, (id) => ids.get(id)!);
    expect(withFid.features.map((f) => f.properties?._fid)).toEqual([7, 8]);
  });

  it('draws only zones that have an outline', () => {
    const fc = zoneFeatures([
      { zone_id: 'Z1', name: 'A', kind: 'zae', communes: [], insee: [], epci_siren: [], facts: [], needs_digitising: true, geometry: null },
      { zone_id: 'Z2', name: 'B', kind: 'zae', communes: [], insee: [], epci_siren: [], facts: [], needs_digitising: false, geometry: u },
    ]);
    expect(fc.features.map((f) => f.properties?.zone_id)).toEqual(['Z2']);
  });
});
