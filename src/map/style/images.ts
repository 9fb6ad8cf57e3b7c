/**
 * Map symbols drawn locally on a canvas and registered with `map.addImage` (no sprite is
 * fetched): friche shapes per status, plot pins per readiness level (with a letter), each also
 * in a fictitious variant (see `drawFictitiousMarks`), the hatch pattern of fictitious
 * polygons, the station and Roissy marks and the road shield.
 * Images are drawn at 2× for sharp rendering on high-density screens.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  CDG_ICON,
  COLORS,
  FRICHE_STATUSES,
  HATCH_PATTERN,
  fictitiousIcon,
  READINESS_STYLES,
  ITE_ICON,
  ROISSY_ICON,
  SHIELD_ICON,
  STATION_ICON,
  type FricheShape,
} from './palette';

const RATIO = 2;

type Draw = (ctx: CanvasRenderingContext2D, size: number) => void;

function canvas(w: number, h: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('Canvas 2D indisponible');
  return ctx;
}

function image(w: number, h: number, draw: Draw): ImageData {
  const ctx = canvas(w, h);
  draw(ctx, w);
  return ctx.getImageData(0, 0, w, h);
}

/** Path of a friche shape centred in a square of side `s`, with radius `r`. */
export function shapePath(ctx: CanvasRenderingContext2D, shape: FricheShape, s: number, r: number): void {
  const c = s / 2;
  ctx.beginPath();
  switch (shape) {
    case 'circle':
      ctx.arc(c, c, r, 0, Math.PI * 2);
      break;
    case 'square': {
      const h = r * 0.88;
      ctx.rect(c - h, c - h, 2 * h, 2 * h);
      break;
    }
    case 'diamond':
      ctx.moveTo(c, c - r * 1.15);
      ctx.lineTo(c + r * 1.15, c);
      ctx.lineTo(c, c + r * 1.15);
      ctx.lineTo(c - r * 1.15, c);
      ctx.closePath();
      break;
    case 'triangle': {
      const R = r * 1.25;
      for (let i = 0; i < 3; i++) {
        const a = -Math.PI / 2 + (i * 2 * Math.PI) / 3;
        const x = c + R * Math.cos(a);
        const y = c + R * 0.18 + R * Math.sin(a);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.closePath();
      break;
    }
    case 'hexagon':
      for (let i = 0; i < 6; i++) {
        const a = (i * Math.PI) / 3;
        const x = c + r * Math.cos(a);
        const y = c + r * Math.sin(a);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.closePath();
      break;
  }
}

/**
 * A fictitious site's mark, over its coloured shape (`path` draws it): white diagonal stripes
 * across the colour, clipped to the shape, and a dashed dark outline, as the hatching and the
 * dashed outline of fictitious polygons. The colour (level or status) still shows between the
 * stripes, and the dark outline keeps the mark's contrast with the map.
 */
function drawFictitiousMarks(ctx: CanvasRenderingContext2D, w: number, h: number, path: () => void): void {
  ctx.save();
  path();
  ctx.clip();
  // Thin stripes, far apart: the colour keeps most of the shape.
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = 0.9 * RATIO;
  ctx.beginPath();
  const step = 3.4 * RATIO;
  for (let o = -h; o < w + h; o += step) {
    ctx.moveTo(o, h);
    ctx.lineTo(o + h, 0);
  }
  ctx.stroke();
  ctx.restore();
  path();
  ctx.setLineDash([2.2 * RATIO, 1.4 * RATIO]);
  ctx.lineWidth = 1.4 * RATIO;
  ctx.strokeStyle = COLORS.siteOutline;
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A friche symbol: white halo, coloured shape, dark outline (striped, dashed outline when fictitious). */
export function drawFriche(ctx: CanvasRenderingContext2D, size: number, shape: FricheShape, color: string, fictitious = false): void {
  const r = size * 0.3;
  const path = () => shapePath(ctx, shape, size, r);
  ctx.lineJoin = 'round';
  path();
  ctx.lineWidth = 3 * RATIO;
  ctx.strokeStyle = 'rgba(255,255,255,0.95)';
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.fill();
  if (fictitious) {
    drawFictitiousMarks(ctx, size, size, path);
    return;
  }
  ctx.lineWidth = 1.2 * RATIO;
  ctx.strokeStyle = COLORS.siteOutline;
  ctx.stroke();
}

/** A plot pin with a letter: teardrop marker pointing down to the site (striped, dashed outline when fictitious). */
export function drawPin(ctx: CanvasRenderingContext2D, w: number, h: number, color: string, letter: string, fictitious = false): void {
  const cx = w / 2;
  const r = w * 0.36;
  const cy = r + 3 * RATIO;
  const path = () => {
    ctx.beginPath();
    ctx.arc(cx, cy, r, Math.PI * 0.8, Math.PI * 0.2);
    ctx.lineTo(cx, h - 2 * RATIO);
    ctx.closePath();
  };
  ctx.lineJoin = 'round';
  path();
  ctx.lineWidth = 3 * RATIO;
  ctx.strokeStyle = 'rgba(255,255,255,0.95)';
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.fill();
  if (fictitious) drawFictitiousMarks(ctx, w, h, path);
  else {
    ctx.lineWidth = 1.2 * RATIO;
    ctx.strokeStyle = COLORS.siteOutline;
    ctx.stroke();
  }
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.62, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.fillStyle = '#1e1e1e';
  ctx.font = `700 ${Math.round(r * 0.95)}px "Noto Sans", sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(letter, cx, cy + RATIO * 0.5);
}

/** Diagonal hatching (tileable) for fictitious plots. */
export function drawHatch(ctx: CanvasRenderingContext2D, s: number): void {
  ctx.strokeStyle = 'rgba(30,30,30,0.55)';
  ctx.lineWidth = 1.2 * RATIO;
  ctx.beginPath();
  // Three strokes so the tile joins seamlessly at its edges.
  for (const o of [-s, 0, s]) {
    ctx.moveTo(o, s);
    ctx.lineTo(o + s, 0);
  }
  ctx.stroke();
}

function drawStation(ctx: CanvasRenderingContext2D, s: number): void {
  const c = s / 2;
  ctx.beginPath();
  ctx.arc(c, c, s * 0.32, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 2.2 * RATIO;
  ctx.strokeStyle = COLORS.rail;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(c, c, s * 0.12, 0, Math.PI * 2);
  ctx.fillStyle = COLORS.rail;
  ctx.fill();
}

/** Rail siding (ITE) connection point: a white triangle outlined in brown, with a dot. */
function drawIte(ctx: CanvasRenderingContext2D, s: number): void {
  ctx.beginPath();
  ctx.moveTo(s / 2, s * 0.12);
  ctx.lineTo(s * 0.9, s * 0.86);
  ctx.lineTo(s * 0.1, s * 0.86);
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 2 * RATIO;
  ctx.strokeStyle = COLORS.ite;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(s / 2, s * 0.6, s * 0.1, 0, Math.PI * 2);
  ctx.fillStyle = COLORS.ite;
  ctx.fill();
}

/** Schematic Roissy junction mark: dashed ring around a cross — a location, not a line. */
function drawRoissy(ctx: CanvasRenderingContext2D, s: number): void {
  const c = s / 2;
  ctx.beginPath();
  ctx.arc(c, c, s * 0.4, 0, Math.PI * 2);
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fill();
  ctx.setLineDash([3 * RATIO, 2 * RATIO]);
  ctx.lineWidth = 2 * RATIO;
  ctx.strokeStyle = COLORS.roissy;
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  const a = s * 0.17;
  ctx.moveTo(c - a, c - a);
  ctx.lineTo(c + a, c + a);
  ctx.moveTo(c + a, c - a);
  ctx.lineTo(c - a, c + a);
  ctx.lineWidth = 2 * RATIO;
  ctx.stroke();
}

function drawCdg(ctx: CanvasRenderingContext2D, s: number): void {
  const c = s / 2;
  const h = s * 0.3;
  ctx.beginPath();
  ctx.rect(c - h, c - h, 2 * h, 2 * h);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.lineWidth = 2.2 * RATIO;
  ctx.strokeStyle = COLORS.roissy;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(c, c, s * 0.1, 0, Math.PI * 2);
  ctx.fillStyle = COLORS.roissy;
  ctx.fill();
}

/** Stretchable road shield (red cartouche, as on French national-road signs). */
function drawShield(ctx: CanvasRenderingContext2D, w: number, h: number): void {
  const r = 3 * RATIO;
  ctx.beginPath();
  ctx.roundRect(RATIO, RATIO, w - 2 * RATIO, h - 2 * RATIO, r);
  ctx.fillStyle = COLORS.road;
  ctx.fill();
  ctx.lineWidth = 1.5 * RATIO;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
}

export interface GeneratedImage {
  id: string;
  data: ImageData;
  options: Parameters<MapLibreMap['addImage']>[2];
}

/** The hatch of fictitious polygons (HATCH_PATTERN). */
function hatchImage(): GeneratedImage {
  return { id: HATCH_PATTERN, data: image(8 * RATIO, 8 * RATIO, drawHatch), options: { pixelRatio: RATIO } };
}

/** Adds the hatch of fictitious polygons to a map that draws them with no other image of ours (the site sheet's minimap). */
export function addHatchPattern(map: MapLibreMap): void {
  const img = hatchImage();
  if (!map.hasImage(img.id)) map.addImage(img.id, img.data, img.options);
}

/** Every image the style uses. */
export function generateImages(): GeneratedImage[] {
  const out: GeneratedImage[] = [];
  const opt = { pixelRatio: RATIO };
  const fs = 22 * RATIO;
  for (const st of FRICHE_STATUSES) {
    out.push({ id: st.icon, data: image(fs, fs, (ctx, s) => drawFriche(ctx, s, st.shape, st.color)), options: opt });
    out.push({ id: fictitiousIcon(st.icon), data: image(fs, fs, (ctx, s) => drawFriche(ctx, s, st.shape, st.color, true)), options: opt });
  }
  const pw = 22 * RATIO;
  const ph = 28 * RATIO;
  for (const lv of READINESS_STYLES) {
    out.push({ id: lv.icon, data: image(pw, ph, (ctx) => drawPin(ctx, pw, ph, lv.color, lv.letter)), options: opt });
    out.push({ id: fictitiousIcon(lv.icon), data: image(pw, ph, (ctx) => drawPin(ctx, pw, ph, lv.color, lv.letter, true)), options: opt });
  }
  out.push(hatchImage());
  out.push({ id: STATION_ICON, data: image(14 * RATIO, 14 * RATIO, drawStation), options: opt });
  out.push({ id: ITE_ICON, data: image(14 * RATIO, 14 * RATIO, drawIte), options: opt });
  out.push({ id: ROISSY_ICON, data: image(30 * RATIO, 30 * RATIO, drawRoissy), options: opt });
  out.push({ id: CDG_ICON, data: image(16 * RATIO, 16 * RATIO, drawCdg), options: opt });
  const sw = 20 * RATIO;
  const sh = 16 * RATIO;
  const pad = 4 * RATIO;
  out.push({
    id: SHIELD_ICON,
    data: image(sw, sh, (ctx) => drawShield(ctx, sw, sh)),
    options: {
      pixelRatio: RATIO,
      stretchX: [[pad, sw - pad]],
      stretchY: [[pad, sh - pad]],
      content: [pad, pad - RATIO, sw - pad, sh - pad + RATIO],
    },
  });
  return out;
}

/** Adds the generated images to a map (skipping those already there). */
export function addImages(map: MapLibreMap): void {
  for (const img of generateImages()) {
    if (!map.hasImage(img.id)) map.addImage(img.id, img.data, img.options);
  }
}
