/** axe-core in browser tests: WCAG 2.1 A/AA checks of one part of the page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;

/**
 * Puts axe-core in the page (once). Evaluated through the test driver rather than added as an
 * inline <script>: the atlas's Content-Security-Policy rightly refuses inline scripts.
 */
export async function ensureAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
}

/** Serious and critical WCAG 2.1 A/AA violations inside `selector` (printed under `label` when any). */
export async function panelViolations(page: Page, selector: string, label: string): Promise<{ id: string; nodes: string[] }[]> {
  await ensureAxe(page);
  const found = await page.evaluate(async (sel) => {
    type V = { id: string; impact: string | null; nodes: { html: string }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document.querySelector(sel), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.html.slice(0, 160)) }));
  }, selector);
  if (found.length) console.log(`axe (${label}):`, JSON.stringify(found, null, 2));
  return found;
}
