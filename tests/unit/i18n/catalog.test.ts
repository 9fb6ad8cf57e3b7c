/**
 * Every string shown to users exists in both locales, across ALL registered feature
 * catalogs: a missing English (or French) key would show the French text (or the raw key)
 * to a visitor who switched language.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG, FR_FEATURES, type FeatureName } from '../../../src/ui/i18n/catalog';
import { EN_FEATURES } from '../../../src/ui/i18n/catalog.en';
import { isLocaleLoaded, loadLocale, translate } from '../../../src/ui/i18n';

/** Each feature's messages in both locales (French from ./messages.ts, English from ./messages.en.ts). */
const FEATURE_CATALOGS = (Object.keys(FR_FEATURES) as FeatureName[]).map((name) => ({ fr: FR_FEATURES[name], en: EN_FEATURES[name] }));

const PLACEHOLDER = /\{(\w+)\}/g;

function placeholders(s: string): string[] {
  return [...s.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

describe('message catalogs', () => {
  it('registers the feature catalogs (app, sheet, compare, pages, dashboard, print at least)', () => {
    for (const key of ['app.title', 'sheet.actions.add', 'compare.best', 'a11y.title', 'legal.title', 'dashboard.title', 'print.date']) {
      expect(CATALOG.fr[key], key).toBeTruthy();
    }
    expect(FEATURE_CATALOGS.length).toBeGreaterThanOrEqual(6);
  });

  FEATURE_CATALOGS.forEach((feature, i) => {
    const sample = Object.keys(feature.fr)[0] ?? Object.keys(feature.en)[0] ?? `#${i}`;
    describe(`catalog ${i} (${sample.split('.')[0]}.*)`, () => {
      it('has no key missing in English', () => {
        const missing = Object.keys(feature.fr).filter((k) => !(k in feature.en));
        expect(missing).toEqual([]);
      });
      it('has no key missing in French', () => {
        const missing = Object.keys(feature.en).filter((k) => !(k in feature.fr));
        expect(missing).toEqual([]);
      });
      it('has no empty message', () => {
        const empty = [...Object.entries(feature.fr), ...Object.entries(feature.en)].filter(([, v]) => !v.trim()).map(([k]) => k);
        expect(empty).toEqual([]);
      });
      it('uses the same {placeholders} in both locales', () => {
        const diff = Object.keys(feature.fr)
          .filter((k) => k in feature.en)
          .filter((k) => placeholders(feature.fr[k]).join() !== placeholders(feature.en[k]).join());
        expect(diff).toEqual([]);
      });
    });
  });

  it('never defines one key differently in two features (the later one would silently win)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of FEATURE_CATALOGS) {
      for (const [k, v] of Object.entries(f.fr)) {
        if (seen.has(k) && seen.get(k) !== v) clashes.push(k);
        seen.set(k, v);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('has every feature in English too', () => {
    expect(Object.keys(EN_FEATURES).sort()).toEqual(Object.keys(FR_FEATURES).sort());
  });

  it('starts with French only: English says French until its messages are loaded, then English', async () => {
    expect(isLocaleLoaded('fr')).toBe(true);
    expect(isLocaleLoaded('en')).toBe(false);
    expect(CATALOG.en).toEqual({});
    expect(translate('en', 'print.date', { date: '22 November 2026' })).toBe('Imprimé le 22 November 2026');
    await loadLocale('en');
    expect(isLocaleLoaded('en')).toBe(true);
    expect(Object.keys(CATALOG.en).sort()).toEqual(Object.keys(CATALOG.fr).sort());
  });

  it('translates with parameters and falls back to French, then to the key', async () => {
    await loadLocale('en');
    expect(translate('fr', 'print.date', { date: '22 novembre 2026' })).toBe('Imprimé le 22 novembre 2026');
    expect(translate('en', 'print.date', { date: '22 November 2026' })).toBe('Printed on 22 November 2026');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
