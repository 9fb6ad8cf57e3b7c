/**
 * Corrupted drafts never blank the page, and never cost the other drafts. Records are written
 * straight into the drafts database (as a crash, an old version or a hand-edited profile could
 * leave them), or come from a crafted backup file. Each time: the atlas works, a French
 * message lists the bad record with its problem (it is kept aside, not deleted), and the
 * good draft is still there.
 *
 * The eight corrupted-record variants (ids CORR-1 … CORR-8):
 *   1. name is an object              `name: { x: 1 }` (« e.toLowerCase is not a function »)
 *   2. properties is null             `site.properties: null`
 *   3. the site is a string           `site: "…"`
 *   4. the site is missing            no `site` member
 *   5. coordinates are not numbers    `coordinates: ["a", "b"]`
 *   6. sectors is a string            `sectors: "logistics"` (not a list)
 *   7. the checklist is a string      `readiness: "fait"`
 *   8. a surface is text              `declared_surface_m2: "12 ha"`
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launch, openAtlas, openPage } from './browser';
import { panelViolations } from './axe';
import { counterText, editorOpenOn, openEditing, openSection, readRecord, SITE_ID, waitMapReady, writeRaw } from './drafts-helpers';

const GOOD_NAME = 'Brouillon sain à garder';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function goodSite(id: string, name: string): Record<string, unknown> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [3.33, 49.38] },
    properties: {
      id, name, kind: 'plot', zone_id: null, zone_name: null, insee: null, commune: null, epci_siren: null, epci_name: null,
      declared_surface_m2: 12000, computed_surface_m2: null, availability: 'inconnu', occupation: 'inconnu', sectors: [],
      readiness: {}, price_eur_m2: null, contact: null, notes: null, friche_status: null, friche_type: null, source_url: null,
      source: 'Saisie dans l’atlas', updated_at: '2025-05-01T08:00:00.000Z', created_at: '2025-05-01T08:00:00.000Z', fictitious: false,
    },
  };
}

function record(id: string, site: unknown): Record<string, unknown> {
  return { id, site, base: null, status: 'new', updated_at: '2025-05-01T08:00:00.000Z' };
}

function withProps(id: string, patch: Record<string, unknown>): Record<string, unknown> {
  const s = goodSite(id, `Variante ${id}`);
  return record(id, { ...s, properties: { ...(s.properties as object), ...patch } });
}

const VARIANTS: { id: string; what: string; rec: Record<string, unknown>; problem: RegExp }[] = [
  { id: 'CORR-1', what: 'name is an object', rec: withProps('CORR-1', { name: { x: 1 } }), problem: /name/ },
  { id: 'CORR-2', what: 'properties is null', rec: record('CORR-2', { ...goodSite('CORR-2', 'x'), properties: null }), problem: /properties/ },
  { id: 'CORR-3', what: 'the site is a string', rec: record('CORR-3', 'un site abîmé'), problem: /site/ },
  { id: 'CORR-4', what: 'the site is missing', rec: { id: 'CORR-4', base: null, status: 'new', updated_at: '2025-05-01T08:00:00.000Z' }, problem: /site/ },
  {
    id: 'CORR-5',
    what: 'coordinates are not numbers',
    rec: record('CORR-5', { ...goodSite('CORR-5', 'Variante CORR-5'), geometry: { type: 'Point', coordinates: ['a', 'b'] } }),
    problem: /géométrie|coordonnées/,
  },
  { id: 'CORR-6', what: 'sectors is a string', rec: withProps('CORR-6', { sectors: 'logistics' }), problem: /sectors/ },
  { id: 'CORR-7', what: 'the checklist is a string', rec: withProps('CORR-7', { readiness: 'fait' }), problem: /readiness/ },
  { id: 'CORR-8', what: 'a surface is text', rec: withProps('CORR-8', { declared_surface_m2: '12 ha' }), problem: /declared_surface_m2/ },
];

/** The atlas is there and usable: header, map, the search list with the good draft. */
async function expectWorkingAtlas(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await waitMapReady(page);
  await page.getByRole('tab', { name: 'Recherche' }).click();
  await page.locator('#site-list').getByText(GOOD_NAME).first().waitFor({ timeout: 15000 });
}

describe('drafts: corrupted records in the database', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ context, page, errors } = await openAtlas(browser, `?sel=${SITE_ID}`));
    // One good draft, typed in the form.
    await openEditing(page);
    await editorOpenOn(page, SITE_ID);
    await page.getByTestId('field-name').fill(GOOD_NAME);
    await page.getByTestId('unpublished-count').filter({ hasText: '1 modification non publiée' }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const v of VARIANTS) {
    it(`${v.id}: ${v.what} — the atlas works, says so, and keeps the other draft`, async () => {
      await writeRaw(page, 'drafts', [{ value: v.rec }]);
      await page.reload();
      await expectWorkingAtlas(page);
      // Said, without edit mode: the record is kept aside.
      const notice = page.getByTestId('drafts-quarantine-notice');
      await notice.waitFor({ timeout: 15000 });
      expect(await notice.textContent()).toMatch(/illisible/);
      // Listed with its problem in the editing panel; the good draft is still counted.
      await notice.getByRole('button', { name: 'Voir' }).click();
      await page.getByRole('heading', { name: 'Édition des sites' }).waitFor();
      const item = page.getByTestId('quarantine').locator('li', { hasText: v.id }).first();
      await item.waitFor();
      expect(await item.textContent()).toMatch(v.problem);
      await expect.poll(() => counterText(page)).toBe('1 modification non publiée');
      expect(errors).toEqual([]);
    });
  }

  it('a corrupted zone outline is kept aside too; the atlas works', async () => {
    await writeRaw(page, 'zoneDrafts', [
      { value: { zone_id: 'Z01', zone_name: 'x', geometry: { type: 'Polygon', coordinates: 'abîmé' }, base: null, status: 'new', updated_at: '2025-05-01T08:00:00.000Z' } },
    ]);
    await page.reload();
    await expectWorkingAtlas(page);
    await page.getByTestId('drafts-quarantine-notice').waitFor({ timeout: 15000 });
    await page.getByTestId('drafts-quarantine-notice').getByRole('button', { name: 'Voir' }).click();
    const item = page.getByTestId('quarantine').locator('li', { hasText: 'Z01' }).first();
    await item.waitFor();
    expect(await item.textContent()).toMatch(/géométrie|coordonnées/);
    expect(errors).toEqual([]);
  });
});

describe('drafts: damaged history entries', () => {
  it('the site and zone histories show the readable entries and name each damaged one; the panels keep working', async () => {
    const { context, page, errors } = await openAtlas(browser, `?sel=${SITE_ID}`);
    try {
      // One good entry, typed in the form.
      await openEditing(page);
      await editorOpenOn(page, SITE_ID);
      await page.getByTestId('field-name').fill(GOOD_NAME);
      await page.getByTestId('unpublished-count').filter({ hasText: '1 modification non publiée' }).waitFor();
      // Two damaged entries of that site, one of a zone: a date that is not one (it broke the
      // whole editing panel), a change list that is not a list (the history showed nothing).
      await writeRaw(page, 'history', [
        { value: { site_id: SITE_ID, at: 'hier soir', author: null, action: 'update', changes: [{ field: 'name', old: 'a', new: 'b' }] } },
        { value: { site_id: SITE_ID, at: '2025-05-01T08:00:00.000Z', author: null, action: 'update', changes: null } },
        // Readable, with an action this version does not know (a later one may): shown as stored.
        { value: { site_id: SITE_ID, at: '2025-05-01T09:00:00.000Z', author: 'Marie', action: 'archive', changes: [] } },
      ]);
      await writeRaw(page, 'zoneHistory', [{ value: { zone_id: 'Z01', zone_name: 'x', at: 'jamais', author: null, action: 'create', changes: [] } }]);
      await page.reload();
      await waitMapReady(page);
      await openEditing(page);
      await editorOpenOn(page, SITE_ID);
      await openSection(page, 'history-section');
      // The readable entry is listed; the two others are named, with their problems.
      await page.getByTestId('history').getByText(GOOD_NAME).first().waitFor();
      expect(await page.getByTestId('history').textContent()).toContain('« archive »');
      const note = page.getByTestId('history-damaged');
      await note.waitFor();
      const text = (await note.textContent()) ?? '';
      expect(text).toMatch(/2 entrées de cet historique sont illisibles/);
      expect(text).toMatch(/« at » \(la date\) n’est pas une date lisible \(reçu : « hier soir »\)/);
      expect(text).toMatch(/la liste des changements est illisible/);
      expect(text).toMatch(/Rien n’est perdu/);
      expect(await panelViolations(page, '[data-testid="history-damaged"]', 'damaged history note')).toEqual([]);
      // The panel still works: no error boundary, the form answers.
      expect(await page.getByTestId('error-boundary').count()).toBe(0);
      await page.getByTestId('field-name').fill(`${GOOD_NAME} bis`);
      await page.getByTestId('history').getByText(`${GOOD_NAME} bis`).first().waitFor();

      // The zone's outline history says the same.
      await page.getByRole('tab', { name: 'Zones d\'activités' }).click();
      const zone = page.locator('#zone-Z01');
      await zone.locator('summary').first().click();
      await zone.getByText('Historique du périmètre').click();
      const zoneNote = zone.getByTestId('zone-history-damaged-Z01');
      await zoneNote.waitFor();
      expect(await zoneNote.textContent()).toMatch(/Une entrée de cet historique est illisible.*« jamais »/);
      expect(await page.getByTestId('error-boundary').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('drafts: a crafted backup file', () => {
  it('restores the good drafts, keeps the bad one aside with its problem, and the page works after a reload', async () => {
    // The map is not needed to restore a backup: it is checked once, after the reload.
    const { context, page, errors } = await openPage(browser, '', 'h1');
    try {
      const backup = {
        format: 'atlas-curation-backup',
        version: 1,
        exported_at: '2025-05-02T10:00:00.000Z',
        author: 'Test',
        drafts: [
          record('BK-OK-1', goodSite('BK-OK-1', GOOD_NAME)),
          record('BK-OK-2', goodSite('BK-OK-2', 'Deuxième brouillon sain')),
          withProps('BK-BAD', { name: { x: 1 } }),
          record('BK-NULL', null),
        ],
        history: [{ site_id: 'BK-OK-1', at: '2025-05-01T08:00:00.000Z', author: 'Test', action: 'create', changes: [] }],
        zone_drafts: [{ zone_id: 'Z02', zone_name: 'x', geometry: 'abîmé', base: null, status: 'new', updated_at: '2025-05-01T08:00:00.000Z' }],
        zone_history: [],
      };
      await openEditing(page);
      await openSection(page, 'backup-section');
      await page.getByLabel('Restaurer une sauvegarde').setInputFiles({
        name: 'sauvegarde-abimee.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(backup)),
      });
      const done = page.getByTestId('backup-message');
      await done.waitFor({ timeout: 15000 });
      expect(await done.textContent()).toMatch(/2 brouillon\(s\) ajouté\(s\)/);
      expect(await done.textContent()).toMatch(/3 .*mis de côté/);
      await expect.poll(() => counterText(page)).toBe('2 modifications non publiées');
      const list = page.getByTestId('quarantine');
      await list.locator('li', { hasText: 'BK-BAD' }).first().waitFor();
      expect(await list.locator('li', { hasText: 'BK-BAD' }).first().textContent()).toMatch(/name/);
      await list.locator('li', { hasText: 'BK-NULL' }).first().waitFor();
      await list.locator('li', { hasText: 'Z02' }).first().waitFor();

      // After a reload: the atlas works, shows the restored drafts (the list is virtualised: the
      // second is checked in the database), and still says what is kept aside.
      await page.reload();
      await expectWorkingAtlas(page);
      expect(await readRecord<{ site: { properties: { name: string } } }>(page, 'drafts', 'BK-OK-2')).toMatchObject({ site: { properties: { name: 'Deuxième brouillon sain' } } });
      await expect.poll(() => page.getByTestId('drafts-quarantine-notice').textContent()).toMatch(/^3 brouillons .* illisibles/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('never a blank page: error boundaries', () => {
  it('a published site whose name is not text breaks one panel, not the atlas; the way out is offered', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', serviceWorkers: 'block' });
    try {
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      // The sites file and its compact copy (the one the page reads when the build wrote it).
      await context.route(/\/data\/sites\.(geojson|compact\.json)$/, async (route) => {
        const res = await route.fetch();
        const fc = (await res.json()) as { features: { properties: Record<string, unknown> }[] };
        fc.features[0].properties.name = { x: 1 };
        await route.fulfill({ response: res, body: JSON.stringify(fc) });
      });
      const page = await context.newPage();
      await page.goto((await import('./browser')).baseURL());
      await page.getByRole('heading', { level: 1 }).waitFor();
      // The name is read as text on the first text search (the search text is built then, not at
      // start-up): searching is what meets the bad value.
      await page.getByLabel('Nom du site').fill('soissons');
      const boundary = page.getByTestId('error-boundary').first();
      await boundary.waitFor({ timeout: 30000 });
      expect(await boundary.textContent()).toMatch(/Une erreur a empêché d’afficher/);
      await boundary.getByRole('button', { name: 'Revenir à l’atlas' }).waitFor();
      await boundary.getByRole('button', { name: 'Exporter mes brouillons' }).waitFor();
      // The rest of the app answers: another page opens.
      await page.getByRole('button', { name: 'Accessibilité' }).click();
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await page.locator('#root').textContent()).not.toBe('');
    } finally {
      await context.close();
    }
  });
});
