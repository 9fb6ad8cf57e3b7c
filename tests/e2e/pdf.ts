/**
 * A look inside the PDF Chromium prints (no PDF library needed): the number of pages, and how
 * far down each page its text goes. Chromium (Skia) writes each page's content as a deflated
 * stream drawing in CSS pixels of the paginated document: page k spans y ∈ [k·H, (k+1)·H],
 * H being the page's content height, and each run of text is placed by `1 0 0 -1 x y Tm`.
 */
import { inflateSync } from 'node:zlib';

export interface PdfLayout {
  pages: number;
  /** Per page, the lowest text baseline, as a share of the page's content height (0 = top, 1 = bottom). */
  textFill: number[];
}

/** A4 with 12 mm margins (src/ui/print/print.css `@page`): 273 mm of content, in CSS px. */
export const A4_CONTENT_PX = ((297 - 24) / 25.4) * 96;

export function pdfLayout(pdf: Buffer, pageHeightPx = A4_CONTENT_PX): PdfLayout {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
  const maxY = new Array<number>(pages).fill(-Infinity);
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const t of body.matchAll(/1 0 0 -1 [-\d.]+ ([-\d.]+) Tm/g)) {
      const y = Number(t[1]);
      const k = Math.floor(y / pageHeightPx);
      if (k >= 0 && k < pages) maxY[k] = Math.max(maxY[k], y - k * pageHeightPx);
    }
  }
  return { pages, textFill: maxY.map((y) => (Number.isFinite(y) ? y / pageHeightPx : 0)) };
}
