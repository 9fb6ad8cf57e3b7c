/**
 * The curation experience in a real browser (EPCI economic teams): import with a
 * validation report, edit, drafts that survive a reload, export → re-import round trip,
 * hostile properties shown as text, and drawing a plot on the map.
 *
 * One browser context per scenario: IndexedDB (the drafts) lives in the context, so a
 * reload in the same context must find the drafts again.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openAtlas } from './browser';
import { panelViolations as violationsIn } from './axe';
import { consoleErrorsOf, IMPORT_LABEL, mapSiteIds, openEditing, openSection, waitForMapSites } from './editing';
import { imagesSettled, placeVertices } from './waits';

const L93 = 'tests/fixtures/curation/import-l93.geojson';
const HOSTILE = 'tests/fixtures/curation-ui/hostile-names.geojson';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});


async function counterText(page: Page): Promise<string> {
  return (await page.getByTestId('unpublished-count').textContent()) ?? '';
}

/** Serious and critical WCAG 2.1 A/AA violations inside the curation panel (printed when any). */
const panelViolations = (page: Page) => violationsIn(page, '.cur-panel', 'curation panel');

describe('curation: import, edit, drafts, export', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let consoleErrors: string[];

  beforeAll(async () => {
    ({ context, page, errors } = await openAtlas(browser));
    consoleErrors = consoleErrorsOf(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('is read-only until « Mode édition » is on', async () => {
    expect(await page.getByRole('tab', { name: 'Édition' }).count()).toBe(0);
    expect(await page.getByText(IMPORT_LABEL).count()).toBe(0);
    await openEditing(page);
    await expect.poll(() => page.getByText('Aucun compte, aucun serveur.', { exact: false }).isVisible()).toBe(true);
    expect(await counterText(page)).toBe('Aucune modification non publiée');
  });

  it('refuses a file over 50 Mo with a clear message, and the page stays usable', async () => {
    await openSection(page, 'import-section');
    await page.getByText('Taille maximale : 50 Mo', { exact: false }).waitFor();
    // A sparse 51 Mo file (nothing written to disk but its size).
    const big = join(mkdtempSync(join(tmpdir(), 'atlas-cur-')), 'enorme.geojson');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 51 * 1024 * 1024);
    await page.getByLabel(IMPORT_LABEL).setInputFiles(big);
    const alert = page.getByRole('alert').filter({ hasText: 'enorme.geojson' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/pèse 51,0 Mo, au-delà de la limite de 50 Mo/);
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    // Still usable: the panel answers.
    await openSection(page, 'drafts-section');
    await page.getByText('Aucun brouillon.').waitFor();
  });

  it('imports a Lambert-93 file: detected CRS, report, invalid feature skipped, valid ones imported', async () => {
    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles(L93);
    const crs = page.getByTestId('crs-detected');
    await crs.waitFor();
    expect(await crs.textContent()).toMatch(/Système détecté : Lambert-93 \(EPSG:2154\), d.après le membre crs du fichier/);
    expect(await page.getByLabel('Système de coordonnées du fichier').inputValue()).toBe('EPSG:2154');

    // The self-intersecting plot is an error, skipped by default and cannot be imported.
    const bad = page.getByTestId('import-row-3');
    expect(await bad.textContent()).toContain('✗ erreur');
    expect(await bad.textContent()).toMatch(/se recoupe/);
    const badChoice = page.getByLabel('Décision pour l’entité n° 3');
    expect(await badChoice.inputValue()).toBe('skip');
    expect(await badChoice.isDisabled()).toBe(true);
    expect(await page.getByTestId('import-row-1').textContent()).toMatch(/✓ valide|⚠ avertissement/);
    expect(await page.getByTestId('import-summary').textContent()).toMatch(/^3 entité\(s\) : .*1 en erreur/);

    // Changing the CRS parses the file again: read as WGS 84 degrees, nothing is importable.
    const crsSelect = page.getByLabel('Système de coordonnées du fichier');
    await crsSelect.selectOption('EPSG:4326');
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toMatch(/3 en erreur/);
    expect(await crs.textContent()).toMatch(/WGS 84.*choisi par vous/);
    await crsSelect.selectOption('EPSG:2154');
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toMatch(/1 en erreur/);

    // Choosing « Ignorer » for a valid one changes the count; back to « Importer ».
    await page.getByLabel('Décision pour l’entité n° 2').selectOption('skip');
    await page.getByRole('button', { name: 'Importer l’entité valide' }).waitFor();
    await page.getByLabel('Décision pour l’entité n° 2').selectOption('import');
    await page.getByRole('button', { name: 'Importer les 2 entités valides' }).click();

    await page.getByText('2 site(s) importé(s) comme brouillons.').first().waitFor();
    await expect.poll(() => counterText(page)).toBe('2 modifications non publiées');
    // The map shows them (they are in the PETR, the whole territory is in view).
    await waitForMapSites(page, ['TEST-L93-001', 'TEST-L93-002'], { consoleErrors });
    expect(await mapSiteIds(page)).not.toContain('TEST-L93-003');
  });

  it('edits a field of an imported site; the list and the map follow; undo / redo work', async () => {
    await openSection(page, 'drafts-section');
    await page.getByRole('button', { name: 'Ouvrir Essai import – Courmelles lot A' }).click();
    const name = page.getByTestId('field-name');
    await expect.poll(() => name.inputValue()).toBe('Essai import – Courmelles lot A');
    // Computed from the geometry: the commune and a surface in m² and ha.
    expect(await page.getByTestId('computed-surface').textContent()).toMatch(/m² \(.* ha\)/);
    expect(await page.getByTestId('computed-commune').textContent()).toMatch(/\(02\d{3}\)/);

    await name.fill('Courmelles lot A (révisé)');
    await expect.poll(() => page.getByTestId('editor-title').textContent()).toBe('Courmelles lot A (révisé)');

    // The readiness level is derived live from the checklist.
    expect(await page.getByTestId('derived-level').textContent()).not.toBe('Clé en main');
    // The whole form: labelled, contrasted (axe, WCAG 2.1 A/AA).
    expect(await panelViolations(page)).toEqual([]);

    // Undo with the keyboard inside the editor, then redo.
    await name.press('Control+z');
    await expect.poll(() => name.inputValue()).toBe('Essai import – Courmelles lot A');
    await name.press('Control+Shift+z');
    await expect.poll(() => name.inputValue()).toBe('Courmelles lot A (révisé)');
    // A checklist date to the month, as the sources give most of them (« 2020-09 »), is kept
    // and shown (a date-only input would show it empty).
    const itemDate = page.locator('.cur-ready-item').first().getByLabel('Date', { exact: true });
    await itemDate.fill('2020-09');
    await expect.poll(() => itemDate.inputValue()).toBe('2020-09');
    expect(await itemDate.evaluate((el) => (el as HTMLInputElement).validity.valid)).toBe(true);

    // The search list shows the new name.
    await page.getByRole('tab', { name: 'Recherche' }).click();
    await page.getByText('Courmelles lot A (révisé)').first().waitFor({ timeout: 10000 });
    await page.getByRole('tab', { name: 'Édition' }).click();
  });

  it('keeps the draft after a reload, with the counter and the history', async () => {
    // Let the debounced write land (the panel says « enregistré » once IndexedDB has it), then
    // reload (same context = same IndexedDB).
    await expect.poll(() => page.locator('.cur-saved').textContent(), { timeout: 10000 }).toBe('Brouillon enregistré dans ce navigateur');
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __atlas?: { mapReady?: boolean } }).__atlas?.mapReady === true, null, { timeout: 60000 });
    await openEditing(page);
    await expect.poll(() => counterText(page)).toBe('2 modifications non publiées');
    await openSection(page, 'drafts-section');
    // The selection is in the URL: the site may already be open (then its button is disabled).
    const open = page.getByRole('button', { name: 'Ouvrir Courmelles lot A (révisé)' });
    await open.waitFor();
    if (await open.isEnabled()) await open.click();
    await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe('Courmelles lot A (révisé)');
    // The map (centred on the selected site, as the URL says) draws the draft.
    await waitForMapSites(page, ['TEST-L93-001'], { consoleErrors });

    await openSection(page, 'history-section');
    const history = page.getByTestId('history');
    await history.waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toContain('Courmelles lot A (révisé)');
    expect(text).toContain('Essai import – Courmelles lot A');
    expect(text).toMatch(/import/i);
  });

  it('exports GeoJSON, and re-importing the file finds identical sites: nothing to replace', async () => {
    await openSection(page, 'export-section');
    await page.getByLabel('tout l’atlas', { exact: false }).check();
    await page.getByLabel('Format').selectOption('geojson4326');
    // The atlas mixes points (friches) and polygons: one file for this round trip (the split
    // into one file per geometry type is tested in qgis-import.e2e.ts).
    await page.getByLabel('Un fichier par type de géométrie', { exact: false }).uncheck();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter', exact: true }).click()]);
    const path = await download.path();
    expect(download.suggestedFilename()).toMatch(/^atlas-sites-wgs84-.*\.geojson$/);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { features: { properties: { id: string; name: string } }[] };
    const mine = exported.features.filter((f) => f.properties.id.startsWith('TEST-L93-'));
    expect(mine.map((f) => f.properties.name).sort()).toEqual(['Courmelles lot A (révisé)', 'Essai import – Villers-Cotterêts lot 7']);
    // The exported drafts are marked « exporté, en attente de publication » and stay (issue 12 §3:
    // « Marquer comme publié », which deleted them, is gone; no button deletes unpublished work).
    await expect.poll(() => page.getByTestId('export-pending').textContent()).toMatch(/^2 brouillon\(s\) exporté\(s\), en attente de publication/);
    expect(await page.getByRole('button', { name: 'Marquer comme publié' }).count()).toBe(0);
    await openSection(page, 'drafts-section');
    expect(await page.getByTestId('drafts').getByText('exporté, en attente de publication').count()).toBe(2);

    // Re-import only the two curated sites (the rest of the atlas is published data).
    const subset = { ...exported, features: mine };
    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles({
      name: 'reimport.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(subset)),
    });
    await page.getByTestId('import-summary').waitFor();
    await page.getByRole('button', { name: 'Importer les 2 entités valides' }).click();
    const diff = page.getByTestId('import-diff');
    await diff.waitFor();
    expect(await page.getByTestId('diff-identical').textContent()).toBe('2 sites identiques : rien à remplacer.');
    expect(await diff.getByRole('radio', { name: 'Remplacer' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Valider l’import' }).click();
    await page.getByText('Import terminé : rien n’a été modifié.').first().waitFor();
    expect(await counterText(page)).toBe('2 modifications non publiées');
    expect(errors).toEqual([]);
  });

  it('re-importing a changed site shows the differences and never replaces silently', async () => {
    const changed = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'TEST-L93-002', name: 'Villers-Cotterêts lot 7 (fichier)', disponibilite: 'disponible' },
          geometry: { type: 'Point', coordinates: [3.09, 49.25] },
        },
      ],
    };
    await page.getByLabel(IMPORT_LABEL).setInputFiles({
      name: 'changed.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(changed)),
    });
    await page.getByRole('button', { name: 'Importer l’entité valide' }).click();
    const diff = page.getByTestId('import-diff');
    await diff.waitFor();
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('Essai import – Villers-Cotterêts lot 7');
    expect(text).toContain('Villers-Cotterêts lot 7 (fichier)');
    const confirm = page.getByRole('button', { name: 'Valider l’import' });
    expect(await confirm.isDisabled()).toBe(true);
    await diff.getByRole('radio', { name: 'Garder l’existant' }).check();
    await confirm.click();
    await page.getByText('Import terminé : rien n’a été modifié.').first().waitFor();
    await openSection(page, 'drafts-section');
    expect(await page.getByTestId('drafts').textContent()).toContain('Essai import – Villers-Cotterêts lot 7');
  });
});

describe('curation: fixing the report, hostile properties', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ context, page, errors } = await openAtlas(browser));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openEditing(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('fixes a missing name inline: the row is validated again and becomes importable', async () => {
    await openSection(page, 'import-section');
    await page.getByLabel(IMPORT_LABEL).setInputFiles('tests/fixtures/curation/import-missing-names.geojson');
    await page.getByTestId('import-summary').waitFor();
    const row = page.getByTestId('import-row-1');
    expect(await row.textContent()).toMatch(/✗ erreur/);
    expect(await row.textContent()).toMatch(/le nom est manquant/);
    expect(await page.getByLabel('Décision pour l’entité n° 1').isDisabled()).toBe(true);
    expect(await panelViolations(page)).toEqual([]);
    const input = page.getByLabel('Nom de l’entité n° 1');
    await input.fill('Parcelle du Moulin');
    await input.press('Enter');
    await expect.poll(() => row.textContent()).toMatch(/Parcelle du Moulin.*✓ valide|Parcelle du Moulin.*⚠ avertissement/);
    expect(await row.textContent()).not.toMatch(/le nom est manquant/);
    expect(await page.getByLabel('Décision pour l’entité n° 1').inputValue()).toBe('import');
    // Nothing merged yet: cancel.
    await page.getByRole('button', { name: 'Annuler l’import' }).click();
    expect(await counterText(page)).toBe('Aucune modification non publiée');
  });

  it('renders <script> and <img onerror> names literally and runs nothing', async () => {
    {
      await openSection(page, 'import-section');
      await page.getByLabel(IMPORT_LABEL).setInputFiles(HOSTILE);
      await page.getByTestId('import-summary').waitFor();
      await page.getByText('<img src=x onerror="window.__xss=1">', { exact: true }).first().waitFor();
      await page.getByText('<script>window.__xss=3;alert(1)</script>', { exact: true }).first().waitFor();
      await page.getByRole('button', { name: /^Importer les 2 entités valides$/ }).click();
      await page.getByText('2 site(s) importé(s) comme brouillons.').first().waitFor();

      // In the drafts, the editor and the search list too.
      await openSection(page, 'drafts-section');
      await page.getByRole('button', { name: 'Ouvrir <img src=x onerror="window.__xss=1">' }).click();
      await expect.poll(() => page.getByTestId('editor-title').textContent()).toBe('<img src=x onerror="window.__xss=1">');
      await page.getByRole('tab', { name: 'Recherche' }).click();
      await page.getByText('<script>window.__xss=3;alert(1)</script>', { exact: true }).first().waitFor({ timeout: 10000 });

      // Every image has loaded or failed (an injected one's onerror would have run).
      await imagesSettled(page);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    }
  });
});

describe('curation: drawing', () => {
  it('draws a polygon by clicking on the map and gets a site with a computed surface', async () => {
    const { context, page, errors } = await openAtlas(browser);
    try {
      await openEditing(page);
      const before = await counterText(page);
      expect(before).toBe('Aucune modification non publiée');
      await page.getByRole('button', { name: 'Dessiner un terrain (polygone)' }).click();
      await page.getByText('Cliquez sur la carte pour placer les sommets', { exact: false }).waitFor();

      const box = (await page.locator('.map-panel canvas').first().boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const pts: [number, number][] = [
        [cx - 60, cy - 40],
        [cx + 60, cy - 40],
        [cx + 60, cy + 40],
        [cx - 60, cy + 40],
      ];
      await placeVertices(page, pts);
      await page.mouse.click(pts[0][0], pts[0][1]); // close on the first vertex

      await page.getByTestId('site-editor').waitFor({ timeout: 10000 });
      await expect.poll(() => page.getByTestId('field-name').inputValue()).toBe('Nouveau site');
      const surface = (await page.getByTestId('computed-surface').textContent()) ?? '';
      expect(surface).toMatch(/^[\d\s\u202f\u00a0]+ m² \([\d\s\u202f\u00a0,]+ ha\)$/);
      const m2 = Number(surface.split(' m²')[0].replace(/[^\d]/g, ''));
      expect(m2).toBeGreaterThan(1000);
      await expect.poll(() => counterText(page)).toBe('1 modification non publiée');
      // The drawn plot is a site on the map.
      const id = (await page.getByText(/^Identifiant : local-/).textContent())!.replace('Identifiant : ', '').split(' ')[0];
      await waitForMapSites(page, [id]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
