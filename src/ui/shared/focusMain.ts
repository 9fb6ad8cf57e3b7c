/**
 * Moves the focus to the page's main content (`<main id="main" tabindex="-1">`) without
 * touching the address: the page lives in the hash (`#/site/…`, `#/comparer`), so a plain
 * `href="#main"` would replace it and leave the page.
 */
export function focusMain(): void {
  const main = document.getElementById('main');
  if (!main) return;
  main.focus({ preventScroll: true });
  main.scrollIntoView({ block: 'start' });
}
