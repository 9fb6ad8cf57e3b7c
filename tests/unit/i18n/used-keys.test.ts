/**
 * Every message key written literally in the UI code (`t('…')`) exists in the catalog, so
 * no visitor ever sees a raw key such as « sheet.actions.add ». Keys built at run time
 * (`t(\`level.${id}\`)`) are checked for the prefixes whose ids are known.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/ui/i18n/catalog';
import { ITEM_STATUSES_FOR_TEST, KNOWN_IDS } from './knownIds';
import { loadLocale } from '../../../src/ui/i18n';

// English is loaded on demand in the app (src/ui/i18n): these checks read both locales.
await loadLocale('en');

const ROOTS = [join(__dirname, '../../../src/ui'), join(__dirname, '../../../src/map')];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx)$/.test(name) && !/messages(\.en)?\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Literal keys passed to a translate function: t('a.b'), t("a.b"), this.t('a.b'), translate(locale, 'a.b'). */
export function literalKeys(src: string): string[] {
  const keys = new Set<string>();
  for (const m of src.matchAll(/\bt\(\s*(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) keys.add(m[2]);
  for (const m of src.matchAll(/\btranslate\(\s*[\w.]+\s*,\s*(['"])([a-zA-Z][\w-]*(?:\.[\w-]+)+)\1/g)) keys.add(m[2]);
  return [...keys];
}

describe('message keys used in the code exist in the catalog', () => {
  it('finds literal keys (self-check)', () => {
    expect(literalKeys(`t('sheet.title'); t("a.b", { n }); x.t('map.ctrl.home'); translate(locale, 'print.date')`).sort()).toEqual(
      ['a.b', 'map.ctrl.home', 'print.date', 'sheet.title'].sort(),
    );
    expect(literalKeys('format(1); set(\'x\')')).toEqual([]);
  });

  for (const root of ROOTS) {
    for (const file of sources(root)) {
      const keys = literalKeys(readFileSync(file, 'utf8'));
      if (!keys.length) continue;
      it(relative(join(root, '..'), file), () => {
        const missingFr = keys.filter((k) => !(k in CATALOG.fr));
        const missingEn = keys.filter((k) => !(k in CATALOG.en));
        expect({ missingFr, missingEn }).toEqual({ missingFr: [], missingEn: [] });
      });
    }
  }

  it('has a label for every id of the vocabularies built into keys at run time', () => {
    const missing: string[] = [];
    for (const [prefix, ids] of Object.entries(KNOWN_IDS)) {
      for (const id of ids) {
        for (const locale of ['fr', 'en'] as const) if (!(`${prefix}.${id}` in CATALOG[locale])) missing.push(`${locale}:${prefix}.${id}`);
      }
    }
    expect(ITEM_STATUSES_FOR_TEST.length).toBe(6);
    expect(missing).toEqual([]);
  });
});
