/**
 * Popup contents, built with DOM nodes and `textContent` only: property values from data
 * are never parsed as HTML.
 */
import type { SiteProperties } from '../domain/types';
import { readinessLevel } from '../domain/readiness';
import { siteSurfaceM2 } from '../domain/surface';
import { safeHttpUrl } from '../domain/format';
import type { Translate } from './types';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function numberLocale(t: Translate): string {
  const l = t('map.numberLocale');
  return l === 'map.numberLocale' ? 'fr-FR' : l;
}

export function formatInt(t: Translate, n: number): string {
  return new Intl.NumberFormat(numberLocale(t), { maximumFractionDigits: 0 }).format(n);
}

/** "1,7 ha" above one hectare, "850 m²" below. */
export function formatSurface(t: Translate, m2: number | null): string {
  if (m2 === null || !Number.isFinite(m2)) return t('map.popup.unknown');
  if (m2 >= 10000) {
    return `${new Intl.NumberFormat(numberLocale(t), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(m2 / 10000)} ha`;
  }
  return `${formatInt(t, m2)} m²`;
}

/** Distance in km with one decimal, in the UI's number format ("3,4 km"). */
export function formatKm(t: Translate, metres: number): string {
  return `${new Intl.NumberFormat(numberLocale(t), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(metres / 1000)} km`;
}

function row(dl: HTMLDListElement, label: string, value: string | Node): void {
  const dt = el('dt', undefined, label);
  const dd = el('dd');
  if (typeof value === 'string') dd.textContent = value;
  else dd.append(value);
  dl.append(dt, dd);
}

/** Only http(s) links are made clickable. */
export { safeHttpUrl };

export function communePopup(p: Record<string, unknown>, t: Translate): HTMLElement {
  const root = el('div', 'atlas-popup atlas-popup-commune');
  root.append(el('p', 'atlas-popup-kicker', t('map.popup.commune')));
  root.append(el('h2', 'atlas-popup-title', String(p.name ?? '')));
  const dl = el('dl', 'atlas-popup-facts');
  row(dl, t('map.popup.insee'), String(p.insee ?? ''));
  row(dl, t('map.popup.epci'), String(p.epci_name ?? ''));
  const pop = Number(p.population);
  row(dl, t('map.popup.population'), Number.isFinite(pop) ? t('map.popup.inhabitants', { n: formatInt(t, pop) }) : t('map.popup.unknown'));
  root.append(dl);
  return root;
}

export function sitePopup(p: SiteProperties, t: Translate): HTMLElement {
  const root = el('div', `atlas-popup atlas-popup-site kind-${p.kind}`);
  const kicker = el('p', 'atlas-popup-kicker', p.kind === 'friche' ? t('map.popup.friche') : p.kind === 'zone' ? t('kind.zone') : t('map.popup.plot'));
  root.append(kicker);
  if (p.fictitious) root.append(el('p', 'atlas-badge-fictitious', t('map.popup.fictitious')));
  root.append(el('h2', 'atlas-popup-title', p.name || t('map.popup.unnamed')));
  const dl = el('dl', 'atlas-popup-facts');
  if (p.commune) row(dl, t('map.popup.commune'), p.commune);
  // A zone located only at its commune says so (no invented point).
  if (p.location_precision === 'commune') root.append(el('p', 'atlas-popup-precision', t('pub.location.commune', { communes: (p.zone?.communes ?? [p.commune ?? '']).join(', ') })));
  row(dl, t('map.popup.surface'), formatSurface(t, siteSurfaceM2(p)));
  if (p.kind === 'friche') {
    row(dl, t('map.popup.status'), p.friche_status || t('map.popup.unknown'));
  } else {
    row(dl, t('map.popup.readiness'), t(`map.level.${readinessLevel(p)}`));
    row(dl, t('map.popup.availability'), t(`map.availability.${p.availability ?? 'inconnu'}`));
  }
  const src = el('span');
  src.textContent = p.source || t('map.popup.unknown');
  row(dl, t('map.popup.source'), src);
  root.append(dl);
  const href = safeHttpUrl(p.source_url);
  if (href) {
    const a = el('a', 'atlas-popup-link', t('map.popup.sourceLink'));
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    root.append(a);
  }
  return root;
}
