/**
 * The filter changes the browser benches make in the atlas (through its UI, like a user) and
 * the in-page measurement of each: input event → store → domain → React commit → map update →
 * first render → map idle (see scripts/bench-filter-browser.ts).
 */
import type { Page } from 'playwright-core';
import { EMPTY_BASELINE_FILTER, type BaselineFilter } from './baselinePage';

/** One filter change: done through the UI inside the atlas page, and its effect on the plain page's filter. */
export interface Change {
  label: string;
  /** Runs in the atlas page: performs the input. */
  act: string;
  /** The plain page's filter after this change (changes are cumulative, like in the atlas). */
  baseline: (f: BaselineFilter) => BaselineFilter;
}

/** Sets a React-controlled input's value and fires `input`, like typing. */
const typeInto = (label: string, value: string) => `
  const el = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === ${JSON.stringify(label)})?.control;
  if (!el) throw new Error('no field ' + ${JSON.stringify(label)});
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));
`;
const clickBox = (value: string) => `
  const el = document.querySelector('form.filters input[type="checkbox"][value=${JSON.stringify(value)}]');
  if (!el) throw new Error('no checkbox ' + ${JSON.stringify(value)});
  el.click();
`;
const resetFilters = `
  const b = [...document.querySelectorAll('form.filters button')].find((b) => b.textContent.trim() === 'Réinitialiser les filtres');
  b.click();
`;

export const CHANGES: Change[] = [
  { label: 'surface ≥ 0,5 ha (champ)', act: typeInto('Minimum (ha)', '0,5'), baseline: (f) => ({ ...f, surfaceMin: 5000 }) },
  { label: 'surface ≥ 5 ha (champ)', act: typeInto('Minimum (ha)', '5'), baseline: (f) => ({ ...f, surfaceMin: 50000 }) },
  { label: 'surface ≤ 20 ha (champ)', act: typeInto('Maximum (ha)', '20'), baseline: (f) => ({ ...f, surfaceMax: 200000 }) },
  {
    label: 'niveau « À réhabiliter »',
    act: clickBox('a_rehabiliter'),
    baseline: (f) => ({ ...f, levels: f.levels.includes('a_rehabiliter') ? f.levels.filter((l) => l !== 'a_rehabiliter') : [...f.levels, 'a_rehabiliter'] }),
  },
  { label: 'texte « usine »', act: typeInto('Nom du site', 'usine'), baseline: (f) => ({ ...f, tokens: ['usine'] }) },
  { label: 'texte « usine de »', act: typeInto('Nom du site', 'usine de'), baseline: (f) => ({ ...f, tokens: ['usine', 'de'] }) },
  { label: 'texte effacé', act: typeInto('Nom du site', ''), baseline: (f) => ({ ...f, tokens: [] }) },
  { label: 'réinitialiser (24 000 sites)', act: resetFilters, baseline: () => EMPTY_BASELINE_FILTER },
];

export interface Sample {
  change: string;
  count: number;
  commit: number;
  mapCall: number;
  firstRender: number;
  idle: number;
  filter: number;
  facets: number;
  histogram: number;
  summary: number;
  sort: number;
}

/**
 * The in-page measurement, kept as plain JavaScript text: tsx would otherwise add its own
 * helpers (`__name`) to a function passed to page.evaluate, and they do not exist in the page.
 */
const MEASURE_IN_PAGE = `async ({ act, label }) => {
  const map = window.__atlas.map;
  performance.clearMarks();
  performance.clearMeasures();
  let tMap = NaN;
  let tRender = NaN;
  // Whatever the map uses to filter (setFilter, feature-state, global state, paint property), the first call starts the map step.
  const wrapped = ['setFilter', 'setFeatureState', 'setGlobalStateProperty', 'setPaintProperty', 'setLayoutProperty'].filter((k) => typeof map[k] === 'function');
  const originals = {};
  for (const k of wrapped) {
    originals[k] = map[k];
    map[k] = function (...a) {
      if (Number.isNaN(tMap)) tMap = performance.now();
      return originals[k].apply(this, a);
    };
  }
  const idle = new Promise((res) => {
    const onRender = () => {
      if (!Number.isNaN(tMap) && Number.isNaN(tRender)) tRender = performance.now();
    };
    const onIdle = () => {
      if (Number.isNaN(tMap)) return; // an idle from before the change
      map.off('idle', onIdle);
      map.off('render', onRender);
      res(performance.now());
    };
    map.on('render', onRender);
    map.on('idle', onIdle);
  });
  const t0 = performance.now();
  new Function(act)();
  // When the set of sites does not change, the map has nothing to redo: it is up to date
  // once React has committed (checked two frames later).
  const unchanged = new Promise((res) =>
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (Number.isNaN(tMap)) res(performance.getEntriesByName('atlas:list-commit', 'mark')[0]?.startTime ?? performance.now());
    })),
  );
  const tIdle = await Promise.race([idle, unchanged, new Promise((r) => setTimeout(() => r(NaN), 15000))]);
  for (const k of wrapped) map[k] = originals[k];
  const m = (name) => performance.getEntriesByName(name, 'measure').reduce((s, e) => s + e.duration, 0);
  const commit = performance.getEntriesByName('atlas:list-commit', 'mark')[0]?.startTime ?? NaN;
  const count = Number(document.querySelector('[data-testid="result-count"]')?.getAttribute('data-count'));
  return {
    change: label,
    count,
    commit: commit - t0,
    mapCall: tMap - t0,
    firstRender: tRender - t0,
    idle: tIdle - t0,
    filter: m('atlas:filter'),
    facets: m('atlas:facets'),
    histogram: m('atlas:histogram'),
    summary: m('atlas:summary'),
    sort: m('atlas:sort'),
  };
}`;

export async function measureAtlas(page: Page, change: Change): Promise<Sample> {
  return page.evaluate(`(${MEASURE_IN_PAGE})(${JSON.stringify({ act: change.act, label: change.label })})`) as Promise<Sample>;
}

