/**
 * The minimap's scale bar: the longest round distance (1, 2 or 5 × 10ⁿ m) that fits in
 * `maxPx` pixels at the map's centre. Pure: MapLibre's Web Mercator with 512-px tiles.
 */

/** Earth's circumference at the equator (m), as MapLibre uses it. */
const EARTH_CIRCUMFERENCE = 40075016.686;

/** Metres per CSS pixel at latitude `lat` and zoom `zoom`. */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

export interface ScaleBar {
  /** Length of the bar (px). */
  px: number;
  /** The distance it stands for (m). */
  metres: number;
}

export function scaleBar(mPerPx: number, maxPx: number): ScaleBar | null {
  if (!(mPerPx > 0) || !(maxPx > 0)) return null;
  const max = mPerPx * maxPx;
  const p = 10 ** Math.floor(Math.log10(max));
  const metres = [5, 2, 1].map((k) => k * p).find((d) => d <= max) ?? p;
  return { px: metres / mPerPx, metres };
}
