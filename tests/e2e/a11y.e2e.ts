/**
 * Accessibility (RGAA 4.1 / WCAG 2.1 AA) in the built app:
 * - axe-core (WCAG 2.1 A/AA rules) finds no serious or critical violation on the main page,
 *   a site sheet, the comparison page, the accessibility and legal pages (French and English);
 * - a keyboard-only journey: skip link, Tab through the filters, choose a site in the list,
 *   open its sheet, add it to the shortlist — with `page.keyboard` only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openAtlas, servedData } from './browser';
import { ensureAxe } from './axe';
import { openSharedAtlas, type SharedAtlas } from './sharedAtlas';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string; html: string }[];
}

let browser: Browser;
/**
 * The atlas, opened once for the axe checks, which only read: each goes to its page (the main
 * page, a sheet, the comparison, the statements) by the shared page's reset (sharedAtlas.ts),
 * the app's own Back/Forward path. The tab, « Mode édition » and focus tests keep pages of
 * their own (that state is not in the URL).
 */
let atlas: SharedAtlas;
let ids: string[] = [];

/** The shared page, back to a fresh open of `suffix`, once `ready` shows. */
async function shared(suffix: string, ready: string): Promise<Page> {
  await atlas.reset(suffix);
  await atlas.page.waitForSelector(ready, { timeout: 60000 });
  return atlas.page;
}

/** Runs axe-core with the WCAG 2.1 A/AA rules and returns the serious and critical violations (printed when any). */
async function seriousViolations(page: Page, label: string): Promise<AxeViolation[]> {
  return (await axeViolations(page, label)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** All WCAG 2.1 A/AA violations (serious and critical ones printed in full, the others by id). */
async function axeViolations(page: Page, label: string): Promise<AxeViolation[]> {
  await ensureAxe(page);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) console.log(`axe — ${label}:\n${JSON.stringify(bad, null, 2)}`);
  const minor = violations.filter((v) => !bad.includes(v));
  if (minor.length) console.log(`axe — ${label} (minor/moderate): ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
  return violations;
}

/** Nodes failing axe's « skip-link » rule (a best practice, outside the WCAG tags): a skip link whose target is missing. */
async function brokenSkipLinks(page: Page): Promise<string[]> {
  await ensureAxe(page);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[]; passes: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ['skip-link'] } });
    if (!r.passes.length && !r.violations.length) return ['(rule did not run)'];
    return r.violations.flatMap((v) => v.nodes.map((n) => n.html));
  });
}

/** Turns « Mode édition » on and shows the « Édition » tab. */
async function openEditingTab(page: Page): Promise<void> {
  await page.getByLabel('Mode édition').check();
  await page.getByRole('tab', { name: 'Édition' }).click();
  await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
}

beforeAll(async () => {
  browser = await launch();
  // The published sites, as the page fetches them.
  const fc = await servedData<{ features: { properties: { id: string } }[] }>('sites.geojson');
  ids = fc.features.map((f) => f.properties.id);
  expect(ids.length).toBeGreaterThanOrEqual(2);
  atlas = await openSharedAtlas(browser);
});

afterAll(async () => {
  await atlas?.close();
  await browser?.close();
});

describe('axe-core: no serious or critical WCAG 2.1 A/AA violation', () => {
  it('on the main page (search panel, list and map)', async () => {
    const page = await shared('', '#site-list');
    expect(await seriousViolations(page, 'atlas')).toEqual([]);
  });

  it('on the Zones tab and on the Édition tab (the skip link to the list keeps a target there)', async () => {
    const { context, page } = await openAtlas(browser);
    try {
      await page.getByRole('tab', { name: "Zones d'activités" }).click();
      await expect(page.getByRole('tab', { name: "Zones d'activités" }).getAttribute('aria-selected')).resolves.toBe('true');
      expect(await page.locator('#site-list').count()).toBe(0); // the list is not on this tab…
      const zones = await axeViolations(page, 'zones tab');
      expect(zones.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(await brokenSkipLinks(page)).toEqual([]); // …yet « Aller à la liste des sites » has a target

      await openEditingTab(page);
      const editing = await axeViolations(page, 'editing tab');
      expect(editing.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      expect(await brokenSkipLinks(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('on a site sheet (with its minimap drawn)', async () => {
    const page = await shared(`#/site/${encodeURIComponent(ids[0])}`, '[data-testid=minimap][data-ready=true]');
    expect(await seriousViolations(page, 'site sheet')).toEqual([]);
  });

  it('on a site sheet in English: the French data (name, commune) is marked lang="fr", the friche status translated', async () => {
    const page = await shared(`?lang=en#/site/${encodeURIComponent(ids[0])}`, '[data-testid=site-sheet]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('h2#sheet-title').getAttribute('lang')).toBe('fr');
    const site = await page.evaluate(async (id) => {
      const fc = (await (await fetch('./data/sites.geojson')).json()) as { features: { properties: { id: string; commune: string; friche_status: string } }[] };
      return fc.features.find((f) => f.properties.id === id)!.properties;
    }, ids[0]);
    expect(await page.locator('.sheet [lang="fr"]', { hasText: site.commune }).count(), site.commune).toBeGreaterThan(0);
    // A CNIG status is translated (issue 11 §3): its field says it in English, not as the French data.
    const status = page.locator('.sheet-section .fact', { has: page.locator('dt', { hasText: /^Brownfield status$/ }) }).first().locator('dd');
    expect(await status.textContent()).toMatch(/^(potential brownfield|brownfield with no project|brownfield with a project|redeveloped brownfield)$/);
    expect(await seriousViolations(page, 'site sheet (English)')).toEqual([]);
  });

  it('on the comparison page', async () => {
    const page = await shared(`?sl=${ids.slice(0, 3).map(encodeURIComponent).join(',')}#/comparer`, '[data-testid=compare-table]');
    expect(await seriousViolations(page, 'comparison')).toEqual([]);
  });

  it('on the accessibility statement and the legal notice, in French and in English', async () => {
    for (const [suffix, ready] of [
      ['#/accessibilite', '[data-testid=accessibility-page]'],
      ['#/mentions-legales', '[data-testid=legal-page]'],
      ['?lang=en#/mentions-legales', '[data-testid=legal-page]'],
    ]) {
      const page = await shared(suffix, ready);
      expect(await seriousViolations(page, suffix)).toEqual([]);
    }
  });
});

describe('keyboard only', () => {
  it('arrow keys move between the panel tabs, and the « Aller à la liste des sites » skip link reaches the list from another tab', async () => {
    const { context, page } = await openAtlas(browser);
    try {
      await page.getByRole('tab', { name: "Zones d'activités" }).click();
      // The tabs follow the ARIA tabs pattern: the arrow keys move between them.
      await page.getByRole('tab', { name: "Zones d'activités" }).focus();
      await page.keyboard.press('ArrowLeft');
      await expect(page.getByRole('tab', { name: 'Recherche' }).getAttribute('aria-selected')).resolves.toBe('true');
      await page.keyboard.press('ArrowRight');
      await expect(page.getByRole('tab', { name: "Zones d'activités" }).getAttribute('aria-selected')).resolves.toBe('true');
      await page.locator('a.skip-link').first().focus(); // « Aller au contenu », the first stop of the page
      await page.keyboard.press('Tab'); // « Aller à la liste des sites »
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller à la liste des sites');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'site-list');
      await expect(page.getByRole('tab', { name: 'Recherche' }).getAttribute('aria-selected')).resolves.toBe('true');
    } finally {
      await context.close();
    }
  });

  it('the « Aller à la liste des sites » skip link reaches the list from the Édition tab too', async () => {
    const { context, page } = await openAtlas(browser);
    try {
      await openEditingTab(page);
      expect(await page.locator('#site-list').count()).toBe(0);
      const skip = page.locator('a.skip-link', { hasText: 'Aller à la liste des sites' });
      // Its target exists on this tab (the « Recherche » tab, which holds the list).
      const href = (await skip.getAttribute('href'))!;
      expect(await page.locator(href).count()).toBe(1);
      await skip.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'site-list');
      await expect(page.getByRole('tab', { name: 'Recherche' }).getAttribute('aria-selected')).resolves.toBe('true');
      expect(await skip.getAttribute('href')).toBe('#site-list');
    } finally {
      await context.close();
    }
  });

  it('runs the whole journey: filters, choose a site in the list, open its sheet, add it to the shortlist', async () => {
    const { context, page } = await openAtlas(browser);
    try {
      await page.waitForSelector('#site-list[role=grid]');
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el) return '';
          return `${el.tagName.toLowerCase()}#${el.id}|${el.getAttribute('role') ?? ''}|${el.getAttribute('type') ?? ''}|${el.className}`;
        });
      // Visible focus: an outline or shadow on the element; otherwise (e.g. a range input whose
      // thumb carries the outline) the pixels around the element must change when it loses focus.
      const focusIsVisible = async () => {
        const styled = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return false;
          const cs = getComputedStyle(el);
          return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
        });
        if (styled) return true;
        const clip = await page.evaluate(() => {
          const r = (document.activeElement as HTMLElement).getBoundingClientRect();
          return { x: Math.max(0, r.left - 6), y: Math.max(0, r.top - 6), width: r.width + 12, height: r.height + 12 };
        });
        if (clip.width < 2 || clip.height < 2) return false;
        const focusedShot = await page.screenshot({ clip });
        await page.evaluate(() => {
          const w = window as unknown as { __refocus?: HTMLElement };
          w.__refocus = document.activeElement as HTMLElement;
          w.__refocus.blur();
        });
        const blurredShot = await page.screenshot({ clip });
        await page.evaluate(() => (window as unknown as { __refocus: HTMLElement }).__refocus.focus());
        return !focusedShot.equals(blurredShot);
      };

      // The first Tab reaches the skip link, which is visible when focused.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
      expect(await focusIsVisible()).toBe(true);

      // Tab through the filters: every stop has a visible focus; count the form controls met.
      let controls = 0;
      let reachedList = false;
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        expect(await focusIsVisible(), `focus visible on ${f}`).toBe(true);
        if (/^(input|select|textarea)/.test(f)) controls++;
        if (f.startsWith('div#site-list|grid')) {
          reachedList = true;
          break;
        }
      }
      expect(reachedList).toBe(true);
      expect(controls).toBeGreaterThan(3);

      // In the list (an ARIA grid): choose the first site, then move to its « Fiche » cell and open it.
      await page.keyboard.press('Enter');
      const selected = await page.evaluate(() => document.querySelector('#site-list [role=row][aria-selected=true]')?.getAttribute('data-site-id'));
      expect(selected).toBeTruthy();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=site-sheet]');
      // Ids may hold reserved characters (zones: « zone:Z01 »): the hash encodes them.
      await page.waitForFunction((id) => location.hash === `#/site/${encodeURIComponent(id!)}`, selected);

      // On the sheet: Tab to « Ajouter à la sélection » and press it.
      let onAdd = false;
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate(() => document.activeElement?.textContent ?? '');
        if (label === 'Ajouter à la sélection') {
          onAdd = true;
          break;
        }
      }
      expect(onAdd).toBe(true);
      expect(await focusIsVisible()).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-pressed') === 'true');
      await page.waitForFunction((id) => new URLSearchParams(location.search).get('sl') === id, selected);
      await expect(page.getByTestId('announcer').textContent()).resolves.toContain('ajouté à la sélection');
    } finally {
      await context.close();
    }
  });
});
