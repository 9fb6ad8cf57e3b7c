/**
 * Makes the web-app icons from public/icons/icon.svg (drawn by hand, committed):
 *
 *   npx tsx scripts/make-icons.ts
 *
 * writes public/icons/icon-192.png, icon-512.png, maskable-512.png (the drawing inside the
 * safe zone, on the brand colour), apple-touch-icon.png (180 px) and public/favicon.ico (a
 * 32-px PNG in an ICO container). Rendering is done by headless chromium (the browser the
 * tests use), so no image library is needed. The outputs are committed: run again only
 * after changing the SVG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tests/e2e/browser';

const SVG = readFileSync('public/icons/icon.svg', 'utf8');
const BRAND = '#0b4f8a';

/** The icon drawn at `size` px; `inset` (0–0.5) shrinks it onto a full-bleed brand background (maskable). */
function html(size: number, inset = 0): string {
  const pad = Math.round(size * inset);
  const body = `<body style="margin:0;width:${size}px;height:${size}px;background:${inset ? BRAND : 'transparent'};display:flex;align-items:center;justify-content:center">`;
  const img = `<img alt="" style="width:${size - 2 * pad}px;height:${size - 2 * pad}px" src="data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}">`;
  return `<!doctype html><html><head><meta charset="utf-8"></head>${body}${img}</body></html>`;
}

/** An ICO file holding one PNG image (allowed since Windows Vista; every browser reads it). */
function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size >= 256 ? 0 : size, 0);
  entry.writeUInt8(size >= 256 ? 0 : size, 1);
  entry.writeUInt8(0, 2); // no palette
  entry.writeUInt8(0, 3);
  entry.writeUInt16LE(1, 4); // colour planes
  entry.writeUInt16LE(32, 6); // bits per pixel
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(header.length + entry.length, 12);
  return Buffer.concat([header, entry, png]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    const render = async (size: number, inset = 0): Promise<Buffer> => {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(html(size, inset));
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
      const png = await page.screenshot({ omitBackground: inset === 0, type: 'png' });
      await page.close();
      return png;
    };
    const out: [string, Buffer][] = [
      ['public/icons/icon-192.png', await render(192)],
      ['public/icons/icon-512.png', await render(512)],
      // Maskable: the platform may crop to a circle; the drawing stays in the central 80 %.
      ['public/icons/maskable-512.png', await render(512, 0.1)],
      ['public/icons/apple-touch-icon.png', await render(180, 0.06)],
      ['public/favicon.ico', icoFromPng(await render(32), 32)],
    ];
    for (const [file, buf] of out) {
      writeFileSync(file, buf);
      console.log(`${file} (${buf.length} octets)`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
