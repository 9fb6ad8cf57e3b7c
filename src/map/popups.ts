/**
 * Popup contents, built with DOM nodes and `textContent` only: property values from data
 * are never parsed as HTML.
 */
import type { SiteProperties } from '../domain/types';
import { fricheStatusOf } from '../domain/fricheVocabulary';
import { encodePageHash } from '../domain/urlState';
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

/** French data in an English interface is marked `lang="fr"` (names stay French). */
function frenchText(t: Translate, text: string, className?: string, tag: 'span' | 'h2' = 'span'): HTMLElement {
  const e = el(tag, className, text);
  if (!numberLocale(t).startsWith('fr')) e.lang = 'fr';
  return e;
}

/** A CNIG friche status in the interface's language; a value outside the list as written. */
function fricheStatusNode(t: Translate, status: string | null): string | Node {
  if (!status) return t('map.popup.unknown');
  const key = fricheStatusOf(status);
  return key ? t(`fricheStatus.${key}`) : frenchText(t, status);
}

/**
 * The popup of a site. `onSheet(id)`, when given, is called by a plain click on « Fiche du site »
 * (the link's `#/site/<id>` still works for a new tab or a copied address).
 */
export function sitePopup(p: SiteProperties, t: Translate, onSheet?: (id: string) => void): HTMLElement {
  const root = el('div', `atlas-popup atlas-popup-site kind-${p.kind}`);
  const kicker = el('p', 'atlas-popup-kicker', p.kind === 'friche' ? t('map.popup.friche') : p.kind === 'zone' ? t('kind.zone') : t('map.popup.plot'));
  root.append(kicker);
  if (p.fictitious) root.append(el('p', 'atlas-badge-fictitious', t('map.popup.fictitious')));
  root.append(p.name ? frenchText(t, p.name, 'atlas-popup-title', 'h2') : el('h2', 'atlas-popup-title', t('map.popup.unnamed')));
  const dl = el('dl', 'atlas-popup-facts');
  if (p.commune) row(dl, t('map.popup.commune'), frenchText(t, p.commune));
  // A zone located only at its commune says so (no invented point).
  if (p.location_precision === 'commune') root.append(el('p', 'atlas-popup-precision', t('pub.location.commune', { communes: (p.zone?.communes ?? [p.commune ?? '']).join(', ') })));
  row(dl, t('map.popup.surface'), formatSurface(t, siteSurfaceM2(p)));
  if (p.kind === 'friche') {
    row(dl, t('map.popup.status'), fricheStatusNode(t, p.friche_status));
  } else {
    row(dl, t('map.popup.readiness'), t(`map.level.${readinessLevel(p)}`));
    row(dl, t('map.popup.availability'), t(`map.availability.${p.availability ?? 'inconnu'}`));
  }
  const src = el('span');
  src.textContent = p.source || t('map.popup.unknown');
  row(dl, t('map.popup.source'), src);
  root.append(dl);
  const links = el('p', 'atlas-popup-links');
  const sheet = el('a', 'atlas-popup-sheet', t('map.popup.sheetLink'));
  sheet.href = encodePageHash({ name: 'site', id: p.id });
  sheet.addEventListener('click', (e) => {
    if (!onSheet || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onSheet(p.id);
  });
  links.append(sheet);
  const href = safeHttpUrl(p.source_url);
  if (href) {
    const a = el('a', 'atlas-popup-link', t('map.popup.sourceLink'));
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    links.append(a);
  }
  root.append(links);
  return root;
}
