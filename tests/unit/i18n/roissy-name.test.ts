/**
 * The territory's rail project is the « virgule » ferroviaire (raccordement Roissy–GrandSoissons).
 * The other SNCF Réseau project, 6.5 km between Vémars and Marly-la-Ville, has a different name
 * that must never label it again. This test fails if that name comes back anywhere in the source
 * tree, the data docs and manifest, the README, the built messages (both locales) or the built
 * manifest (public/data, when present). Case-insensitive, any dash or none.
 *
 * The pattern is assembled from pieces so that this file itself does not contain the name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/ui/i18n/catalog';
import { loadLocale } from '../../../src/ui/i18n';

// English is loaded on demand in the app (src/ui/i18n): these checks read both locales.
await loadLocale('en');

const ROOT = resolve(__dirname, '../../..');
const OLD_NAME = new RegExp(['roissy', '\\s*[-‐‑‒–—―]?\\s*', 'picardie'].join(''), 'i');
const SCANNED_DIRS = ['src', 'data', 'scripts', 'tests', 'docs'];
const SCANNED_FILES = ['README.md', 'index.html', 'package.json', 'public/data/manifest.json'];
const TEXT = /\.(ts|tsx|mts|mjs|js|json|md|csv|css|html|txt)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (TEXT.test(name)) out.push(p);
  }
  return out;
}

describe('the Roissy link is named the « virgule », never by the other project’s name', () => {
  it('the pattern catches every spelling of the old name', () => {
    const spelled = (a: string, sep: string, b: string) => a + sep + b;
    for (const s of [
      spelled('barreau Roissy', '–', 'Picardie'),
      spelled('Roissy', '-', 'Picardie'),
      spelled('ROISSY', ' — ', 'PICARDIE'),
      spelled('roissy', ' ', 'picardie'),
      spelled('Liaison Roissy', ' – ', 'Picardie'),
      spelled('Roissy', '\u2011', 'Picardie'),
    ]) {
      expect(OLD_NAME.test(s), s).toBe(true);
    }
    expect(OLD_NAME.test('raccordement Roissy–GrandSoissons')).toBe(false);
  });

  it('no file of the source tree, data docs, tests or README holds it', () => {
    const files = [...SCANNED_DIRS.flatMap((d) => walk(join(ROOT, d))), ...SCANNED_FILES.map((f) => join(ROOT, f)).filter(existsSync)];
    expect(files.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const f of files) {
      const lines = readFileSync(f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (OLD_NAME.test(line)) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('no built message, in French or in English, holds it; the virgule is named instead', () => {
    for (const locale of ['fr', 'en'] as const) {
      const bad = Object.entries(CATALOG[locale]).filter(([, v]) => OLD_NAME.test(v)).map(([k]) => k);
      expect(bad, locale).toEqual([]);
      for (const key of ['map.legend.roissy', 'map.layer.roissy', 'sheet.access.cdgHelp', 'compare.row.cdg', 'legal.notes.roissy']) {
        expect(CATALOG[locale][key], `${locale} ${key}`).toMatch(/virgule/i);
      }
    }
  });
});
