/**
 * WCAG 2.1 contrast of colours (success criteria 1.4.3 and 1.4.11): relative luminance, contrast
 * ratio, and the colour a translucent layer gives over an opaque one (what the eye sees of a
 * map fill drawn at some opacity over the layers below it).
 */

/** An opaque sRGB colour, channels 0–255. */
export type Rgb = readonly [number, number, number];

/** `#rgb`, `#rrggbb` or `rgb(a)(r,g,b[,a])` (alpha ignored: composite it with `over`) to channels 0–255. */
export function parseColor(css: string): Rgb {
  const s = css.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return [1, 2, 3].map((i) => parseInt(short[i] + short[i], 16)) as unknown as Rgb;
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s);
  if (long) return [1, 2, 3].map((i) => parseInt(long[i], 16)) as unknown as Rgb;
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*[\d.]+\s*)?\)$/.exec(s);
  if (fn) return [1, 2, 3].map((i) => Number(fn[i])) as unknown as Rgb;
  throw new Error(`Couleur illisible : « ${css} »`);
}

/** The colour of `top` drawn at `opacity` (0–1) over the opaque `below` (source-over blending). */
export function over(top: Rgb, opacity: number, below: Rgb): Rgb {
  return top.map((c, i) => c * opacity + below[i] * (1 - opacity)) as unknown as Rgb;
}

/** WCAG relative luminance (0 black – 1 white). */
export function relativeLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two opaque colours, 1 (same) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
