/**
 * Attribution: names every source in use with its date of update, from the data manifest
 * (attribution + date of each visible layer), plus the online basemap when it is on.
 * Rendered with textContent: manifest strings are data, never HTML.
 */
import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import type { DataManifest, LayerId } from '../../domain/types';
import type { Basemap, Translate } from '../types';

export const IGN_ATTRIBUTION = '© IGN – Plan IGN';

/**
 * "Producer – dataset (date)" for each layer in use, in manifest order. A layer whose data
 * derives from several sources lists them separated by " ; " (e.g. the sites): each source
 * is named once; the date goes with the layer's own (first) source, or with the layer that
 * carries that source alone.
 */
export function attributionEntries(manifest: DataManifest | null, inUse: readonly LayerId[], basemap: Basemap = 'none'): string[] {
  const dates = new Map<string, string | null>();
  if (basemap === 'ign') dates.set(IGN_ATTRIBUTION, null);
  if (manifest) {
    for (const entry of Object.values(manifest.layers)) {
      if (!inUse.includes(entry.id as LayerId)) continue;
      const text = (entry.attribution || entry.producer || entry.title || '').trim();
      if (!text) continue;
      const parts = text
        .split(/\s;\s/)
        .map((p) => p.trim())
        .filter(Boolean);
      const date = (entry.date ?? '').trim() || null;
      parts.forEach((part, i) => {
        const own = i === 0 ? date : null;
        if (!dates.has(part) || (dates.get(part) === null && own)) dates.set(part, own);
      });
    }
  }
  // A full date already in the text (« édition 2025-07-22 ») is not repeated; a bare year may be a
  // product name (« COG 2018 »), so it is always appended.
  const stated = (part: string, date: string) => date.length > 4 && part.includes(date);
  return [...dates].map(([part, date]) => (date && !stated(part, date) ? `${part} (${date})` : part));
}

/** A compact attribution box (bottom right), expandable on small screens. */
export class AtlasAttributionControl implements IControl {
  private container: HTMLElement | null = null;
  private list: HTMLElement | null = null;
  private toggle: HTMLButtonElement | null = null;
  private entries: string[] = [];

  constructor(private t: Translate) {}

  onAdd(_map: MapLibreMap): HTMLElement {
    const c = document.createElement('div');
    c.className = 'maplibregl-ctrl atlas-attribution';
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'atlas-attribution-toggle';
    toggle.setAttribute('aria-expanded', 'false');
    toggle.textContent = 'i';
    toggle.addEventListener('click', () => {
      const open = c.classList.toggle('is-open');
      toggle.setAttribute('aria-expanded', String(open));
    });
    const list = document.createElement('p');
    list.className = 'atlas-attribution-list';
    list.id = `atlas-attribution-${Math.random().toString(36).slice(2, 8)}`;
    toggle.setAttribute('aria-controls', list.id);
    c.append(toggle, list);
    this.container = c;
    this.list = list;
    this.toggle = toggle;
    this.render();
    return c;
  }

  onRemove(): void {
    this.container?.remove();
    this.container = null;
  }

  setTranslate(t: Translate): void {
    this.t = t;
    this.render();
  }

  update(entries: string[]): void {
    this.entries = entries;
    this.render();
  }

  private render(): void {
    if (!this.list || !this.toggle) return;
    this.toggle.setAttribute('aria-label', this.t('map.attribution.toggle'));
    this.toggle.title = this.t('map.attribution.toggle');
    const lead = document.createElement('span');
    lead.className = 'atlas-attribution-lead';
    lead.textContent = `${this.t('map.attribution.sources')} `;
    const parts: Node[] = [lead];
    this.entries.forEach((e, i) => {
      const s = document.createElement('span');
      s.className = 'atlas-attribution-item';
      s.textContent = e;
      parts.push(s);
      if (i < this.entries.length - 1) parts.push(document.createTextNode(' · '));
    });
    const ml = document.createElement('span');
    ml.className = 'atlas-attribution-engine';
    ml.textContent = ' · MapLibre';
    parts.push(ml);
    this.list.replaceChildren(...parts);
  }
}
