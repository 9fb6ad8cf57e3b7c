/**
 * Offline map labels: a `localglyphs://` protocol that answers MapLibre's glyph range
 * requests (`localglyphs://{fontstack}/{range}.pbf`) with glyph PBFs rasterised in the
 * browser from the bundled Noto Sans web font (TinySDF on a canvas). No font or glyph
 * request ever leaves the machine.
 *
 * PBF layout (the Mapbox/MapLibre glyphs format):
 *   glyphs    { repeated fontstack stacks = 1; }
 *   fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3; }
 *   glyph     { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
 *               sint32 left = 5; sint32 top = 6; uint32 advance = 7; }
 * The bitmap is the SDF of the glyph with a 3-px border on each side, at a 24-px font size
 * (MapLibre's `GLYPH_PBF_BORDER` and `ONE_EM`).
 *
 * Metrics follow MapLibre's own TinySDF path (src/render/glyph_manager.ts, `_createGlyph`):
 * TinySDF's `glyphTop` is the distance from the alphabetic baseline up to the top of the ink,
 * whereas glyph PBFs measure `top` from an origin above the em box; MapLibre converts with
 * `top = glyphTop - 27.5` (its `topAdjustment`). We do the same, rounded to whole pixels as
 * the PBF stores integers; `left` is TinySDF's `glyphLeft` as is.
 */
import TinySDF from '@mapbox/tiny-sdf';
import { PbfWriter } from 'pbf';
import { addProtocol, removeProtocol } from 'maplibre-gl';
import '@fontsource/noto-sans/latin-400-italic.css';

export const GLYPHS_PROTOCOL = 'localglyphs';
export const GLYPHS_URL = `${GLYPHS_PROTOCOL}://{fontstack}/{range}.pbf`;

/** Font stacks the style may use, mapped to the CSS font they are drawn with. */
export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';
export const FONT_ITALIC = 'Noto Sans Italic';

const FONT_SIZE = 24;
const BUFFER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/** MapLibre's `topAdjustment` for locally drawn glyphs (see file comment). */
const TOP_ADJUSTMENT = 27.5;

interface CssFont {
  weight: string;
  style: string;
}

/** Which CSS weight/style a font stack name asks for (the first font of the stack decides). */
export function cssFontFor(fontstack: string): CssFont {
  const first = fontstack.split(',')[0] ?? '';
  const weight = /bold|black|heavy|semibold/i.test(first) ? '700' : '400';
  const style = /italic|oblique/i.test(first) ? 'italic' : 'normal';
  return { weight, style };
}

/** Parses `Noto Sans Regular/0-255.pbf` (the part after `localglyphs://`). */
export function parseGlyphUrl(url: string): { fontstack: string; start: number; end: number } | null {
  const rest = url.slice(url.indexOf('://') + 3);
  const m = /^(.*)\/(\d+)-(\d+)\.pbf$/.exec(rest);
  if (!m) return null;
  let fontstack = m[1];
  try {
    fontstack = decodeURIComponent(fontstack);
  } catch {
    /* keep as is */
  }
  const start = Number(m[2]);
  const end = Number(m[3]);
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start || end - start > 255) return null;
  return { fontstack, start, end };
}

/** A rasterised glyph, in PBF units. */
export interface RasterGlyph {
  id: number;
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** The subset of TinySDF's `draw` result we use (so tests can stand in for the canvas). */
export interface SdfChar {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  glyphWidth: number;
  glyphHeight: number;
  glyphTop: number;
  glyphLeft: number;
  glyphAdvance: number;
}

/** Converts TinySDF's output for one code point into PBF glyph metrics (MapLibre's mapping). */
export function toRasterGlyph(id: number, c: SdfChar): RasterGlyph {
  const empty = c.glyphWidth === 0 || c.glyphHeight === 0;
  return {
    id,
    // An empty glyph (space) carries no bitmap: MapLibre expects (0 + 6) × (0 + 6) bytes or none.
    bitmap: empty ? new Uint8Array(0) : new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength),
    width: empty ? 0 : c.glyphWidth,
    height: empty ? 0 : c.glyphHeight,
    // TinySDF draws the ink at `glyphLeft` from the pen position: exact, no calibration needed.
    left: c.glyphLeft,
    top: Math.round(c.glyphTop - TOP_ADJUSTMENT),
    advance: Math.max(0, Math.round(c.glyphAdvance)),
  };
}

/** Code points worth drawing: skip C0/C1 controls and lone surrogates. */
export function isDrawable(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return true;
}

/** Encodes a glyph range as a glyphs PBF. */
export function encodeGlyphs(fontstack: string, start: number, end: number, glyphs: RasterGlyph[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (_: unknown, w: PbfWriter) => {
    w.writeStringField(1, fontstack);
    w.writeStringField(2, `${start}-${end}`);
    for (const g of glyphs) {
      w.writeMessage(
        3,
        (glyph: RasterGlyph, gw: PbfWriter) => {
          gw.writeVarintField(1, glyph.id);
          if (glyph.bitmap.length) gw.writeBytesField(2, glyph.bitmap);
          gw.writeVarintField(3, glyph.width);
          gw.writeVarintField(4, glyph.height);
          gw.writeSVarintField(5, glyph.left);
          gw.writeSVarintField(6, glyph.top);
          gw.writeVarintField(7, glyph.advance);
        },
        g,
      );
    }
  }, null);
  return pbf.finish();
}

const rasterizers = new Map<string, TinySDF>();
const rangeCache = new Map<string, Promise<Uint8Array>>();

function rasterizerFor(fontstack: string): TinySDF {
  const { weight, style } = cssFontFor(fontstack);
  const key = `${weight}/${style}`;
  let r = rasterizers.get(key);
  if (!r) {
    r = new TinySDF({
      fontSize: FONT_SIZE,
      buffer: BUFFER,
      radius: RADIUS,
      cutoff: CUTOFF,
      fontFamily: '"Noto Sans", sans-serif',
      fontWeight: weight,
      fontStyle: style,
    });
    rasterizers.set(key, r);
  }
  return r;
}

/** Makes sure the web font faces are loaded before a canvas draws with them. */
export async function loadGlyphFonts(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts?.load) return;
  const sample = 'Aaé–’';
  await Promise.all([
    document.fonts.load(`16px "Noto Sans"`, sample),
    document.fonts.load(`400 ${FONT_SIZE}px "Noto Sans"`, sample),
    document.fonts.load(`700 ${FONT_SIZE}px "Noto Sans"`, sample),
    document.fonts.load(`italic 400 ${FONT_SIZE}px "Noto Sans"`, sample),
  ]).catch(() => undefined);
}

/** Rasterises one range of 256 code points into a glyphs PBF (cached per font and range). */
export function glyphRange(fontstack: string, start: number, end: number): Promise<Uint8Array> {
  const key = `${fontstack}|${start}`;
  let p = rangeCache.get(key);
  if (!p) {
    p = (async () => {
      await loadGlyphFonts();
      const t0 = performance.now();
      const sdf = rasterizerFor(fontstack);
      const glyphs: RasterGlyph[] = [];
      for (let cp = start; cp <= end; cp++) {
        if (!isDrawable(cp)) continue;
        glyphs.push(toRasterGlyph(cp, sdf.draw(String.fromCodePoint(cp)) as SdfChar));
      }
      const pbf = encodeGlyphs(fontstack, start, end, glyphs);
      performance.measure(`atlas-glyphs ${fontstack} ${start}-${end}`, { start: t0, end: performance.now() });
      return pbf;
    })();
    rangeCache.set(key, p);
    p.catch(() => rangeCache.delete(key));
  }
  return p;
}

/**
 * Rasterises the Latin range of the three label fonts ahead of MapLibre's requests, one range per
 * task, while the page waits for its data: the first frame with labels then finds them ready
 * (about 100 ms of main-thread work that was on the way to the first idle).
 */
export function prewarmGlyphs(): void {
  if (typeof document === 'undefined') return;
  const fonts = [FONT_REGULAR, FONT_BOLD, FONT_ITALIC];
  const next = () => {
    const f = fonts.shift();
    if (!f) return;
    glyphRange(f, 0, 255)
      .catch(() => undefined)
      .finally(() => setTimeout(next, 0));
  };
  // glyphRange waits for the fonts itself.
  next();
}

let registered = 0;

/** Registers the `localglyphs://` protocol (reference-counted: several maps may share it). */
export function registerGlyphProtocol(): () => void {
  if (registered++ === 0) {
    addProtocol(GLYPHS_PROTOCOL, async (params) => {
      const parsed = parseGlyphUrl(params.url);
      if (!parsed) throw new Error(`Requête de glyphes invalide : ${params.url}`);
      const bytes = await glyphRange(parsed.fontstack, parsed.start, parsed.end);
      // Hand MapLibre its own copy: it may transfer the buffer.
      return { data: bytes.slice().buffer };
    });
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--registered === 0) removeProtocol(GLYPHS_PROTOCOL);
  };
}
