import { describe, expect, it, vi } from 'vitest';
import { PbfReader } from 'pbf';

// glyphs.ts registers a MapLibre protocol and imports a font CSS file: stub both for Node.
vi.mock('maplibre-gl', () => ({ addProtocol: vi.fn(), removeProtocol: vi.fn() }));
vi.mock('@fontsource/noto-sans/latin-400-italic.css', () => ({}));

const { cssFontFor, encodeGlyphs, isDrawable, parseGlyphUrl, toRasterGlyph } = await import('../../../src/map/style/glyphs');

interface Decoded {
  name?: string;
  range?: string;
  glyphs: { id?: number; bitmap?: Uint8Array; width?: number; height?: number; left?: number; top?: number; advance?: number }[];
}

/** Reads a glyphs PBF exactly as MapLibre's parse_glyph_pbf.ts does (same tags and wire types). */
function decode(buf: Uint8Array): Decoded[] {
  return new PbfReader(buf).readFields(
    (tag, stacks: Decoded[], pbf) => {
      if (tag !== 1) return;
      stacks.push(
        pbf.readMessage(
          (t, s: Decoded, p) => {
            if (t === 1) s.name = p.readString();
            else if (t === 2) s.range = p.readString();
            else if (t === 3)
              s.glyphs.push(
                p.readMessage((gt, g: Decoded['glyphs'][number], gp) => {
                  if (gt === 1) g.id = gp.readVarint();
                  else if (gt === 2) g.bitmap = gp.readBytes();
                  else if (gt === 3) g.width = gp.readVarint();
                  else if (gt === 4) g.height = gp.readVarint();
                  else if (gt === 5) g.left = gp.readSVarint();
                  else if (gt === 6) g.top = gp.readSVarint();
                  else if (gt === 7) g.advance = gp.readVarint();
                }, {}),
              );
          },
          { glyphs: [] } as Decoded,
        ),
      );
    },
    [] as Decoded[],
  );
}

/** A fake TinySDF result: glyph box w×h with the 3-px buffer on each side. */
function sdf(w: number, h: number, extra: Partial<{ glyphTop: number; glyphLeft: number; glyphAdvance: number }> = {}) {
  const width = w + 6;
  const height = h + 6;
  const data = new Uint8ClampedArray(width * height).map((_, i) => i % 251);
  return { data, width, height, glyphWidth: w, glyphHeight: h, glyphTop: 17, glyphLeft: 1, glyphAdvance: 13.6, ...extra };
}

describe('local glyphs', () => {
  it('parses glyph range URLs, including encoded font stacks', () => {
    expect(parseGlyphUrl('localglyphs://Noto Sans Regular/0-255.pbf')).toEqual({ fontstack: 'Noto Sans Regular', start: 0, end: 255 });
    expect(parseGlyphUrl('localglyphs://Noto%20Sans%20Bold/8192-8447.pbf')).toEqual({ fontstack: 'Noto Sans Bold', start: 8192, end: 8447 });
    expect(parseGlyphUrl('localglyphs://Noto Sans Regular/range.pbf')).toBeNull();
    expect(parseGlyphUrl('localglyphs://x/0-9999.pbf')).toBeNull();
  });

  it('maps font stack names to CSS weight and style', () => {
    expect(cssFontFor('Noto Sans Bold')).toEqual({ weight: '700', style: 'normal' });
    expect(cssFontFor('Noto Sans Italic')).toEqual({ weight: '400', style: 'italic' });
    expect(cssFontFor('Noto Sans Regular,Arial Unicode MS Regular')).toEqual({ weight: '400', style: 'normal' });
  });

  it('skips control characters', () => {
    expect(isDrawable(0x0a)).toBe(false);
    expect(isDrawable(0x85)).toBe(false);
    expect(isDrawable(0x41)).toBe(true);
    expect(isDrawable(0xe9)).toBe(true);
  });

  it('converts TinySDF metrics the way MapLibre does for its own local glyphs', () => {
    const g = toRasterGlyph(65, sdf(14, 17, { glyphTop: 17, glyphLeft: -1, glyphAdvance: 15.4 }));
    // top is measured from the PBF origin above the em box: baseline-relative top minus 27.5, rounded.
    expect(g.top).toBe(Math.round(17 - 27.5));
    expect(g.left).toBe(-1);
    expect(g.advance).toBe(15);
    expect(g.width).toBe(14);
    expect(g.height).toBe(17);
    // MapLibre reads the bitmap as (width + 2·3) × (height + 2·3) bytes.
    expect(g.bitmap.length).toBe((14 + 6) * (17 + 6));
  });

  it('gives an empty glyph (space) no bitmap but keeps its advance', () => {
    const g = toRasterGlyph(32, { ...sdf(0, 0), data: new Uint8ClampedArray(36), glyphAdvance: 6.2 });
    expect(g.bitmap.length).toBe(0);
    expect(g.width).toBe(0);
    expect(g.advance).toBe(6);
  });

  it('encodes a glyphs PBF that decodes with the fields and wire types MapLibre reads', () => {
    const a = toRasterGlyph(65, sdf(14, 17));
    const space = toRasterGlyph(32, { ...sdf(0, 0), data: new Uint8ClampedArray(36), glyphAdvance: 6 });
    const e = toRasterGlyph(0xe9, sdf(11, 19, { glyphTop: 19, glyphLeft: 1, glyphAdvance: 12.9 }));
    const buf = encodeGlyphs('Noto Sans Regular', 0, 255, [space, a, e]);
    const [stack] = decode(buf);
    expect(stack.name).toBe('Noto Sans Regular');
    expect(stack.range).toBe('0-255');
    expect(stack.glyphs.map((g) => g.id)).toEqual([32, 65, 0xe9]);
    const ga = stack.glyphs[1];
    expect(ga).toMatchObject({ width: 14, height: 17, left: 1, top: Math.round(17 - 27.5), advance: 14 });
    expect(ga.bitmap!.length).toBe((ga.width! + 6) * (ga.height! + 6));
    expect([...ga.bitmap!.slice(0, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect(stack.glyphs[0].bitmap).toBeUndefined();
    expect(stack.glyphs[2].top).toBe(Math.round(19 - 27.5));
  });
});
