/** Pixels of a screenshot, for browser tests that check what is drawn (no image library in the tests). */
import type { Page } from 'playwright-core';

/**
 * The RGB values of a PNG screenshot (`png`), decoded by the page: 3 bytes per pixel, row by row,
 * for every `step`-th pixel (all of them by default). Sent back as base64, not as a JSON array.
 */
export async function pngPixels(page: Page, png: Buffer, step = 1): Promise<Uint8Array> {
  const b64 = await page.evaluate(
    async ([src, every]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${src}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let out = '';
      for (let i = 0; i < d.length; i += 4 * every) out += String.fromCharCode(d[i], d[i + 1], d[i + 2]);
      return btoa(out);
    },
    [png.toString('base64'), step] as const,
  );
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
