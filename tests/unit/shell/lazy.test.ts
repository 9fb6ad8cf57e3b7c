import { describe, expect, it } from 'vitest';
import { actionErrorText, exportOfChunk, failedModuleUrl, isChunkLoadError, retryUrl } from '../../../src/ui/shared/lazy';
import { translate } from '../../../src/ui/i18n';

describe('chunk download errors, recognised', () => {
  it.each([
    new TypeError('Failed to fetch dynamically imported module: http://x/assets/SiteSheetPage-abc.js'),
    new Error('Unable to preload CSS for ./assets/ComparePage-abc.css'),
    new TypeError('error loading dynamically imported module: http://x/a.js'),
    new TypeError('Importing a module script failed.'),
    'Failed to load module script: Expected a JavaScript module script but the server responded with a MIME type of "text/html".',
  ])('%s', (e) => expect(isChunkLoadError(e)).toBe(true));

  it.each([new Error('e.toLowerCase is not a function'), new TypeError('Failed to fetch'), null, undefined])('not %s', (e) => expect(isChunkLoadError(e)).toBe(false));
});

describe('the file to ask again after a failed chunk (browsers that remember a failed module)', () => {
  it('is the JS file the error names (Chrome, Edge, Firefox), a retry URL included', () => {
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: http://x/assets/SiteSheetPage-abc.js'))).toBe('http://x/assets/SiteSheetPage-abc.js');
    expect(failedModuleUrl(new TypeError('error loading dynamically imported module: http://x/a.mjs'))).toBe('http://x/a.mjs');
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: http://x/assets/A-1.js?retry=2'))).toBe('http://x/assets/A-1.js?retry=2');
  });

  it('is unknown when the error names no JS file (Safari, a CSS preload, any other error)', () => {
    for (const e of [new TypeError('Importing a module script failed.'), new Error('Unable to preload CSS for ./assets/ComparePage-abc.css'), new Error('boom'), null]) {
      expect(failedModuleUrl(e)).toBeNull();
    }
  });

  it('is asked under a new URL at each attempt, the rest of the URL kept', () => {
    expect(retryUrl('http://x/atlas/assets/A-1.js', 1)).toBe('http://x/atlas/assets/A-1.js?retry=1');
    expect(retryUrl('http://x/atlas/assets/A-1.js?retry=1', 2)).toBe('http://x/atlas/assets/A-1.js?retry=2');
    expect(retryUrl('./assets/A-1.js', 3, 'http://x/atlas/?f=1#/site/a')).toBe('http://x/atlas/assets/A-1.js?retry=3');
  });

  it('finds the component among the chunk’s exports, or in a namespace the chunk exports (a chunk of several modules)', () => {
    function SiteSheetPage() {}
    function SheetBatch() {}
    // A chunk that is the module: its own export names.
    expect(exportOfChunk({ SiteSheetPage }, 'SiteSheetPage')).toBe(SiteSheetPage);
    // Rolldown's chunk of several modules: `import('./SiteSheetPage-abc.js').then((e) => e.r)`.
    expect(exportOfChunk({ n: 1, r: { SiteSheetPage }, t: { SheetBatch } }, 'SiteSheetPage')).toBe(SiteSheetPage);
    expect(exportOfChunk({ n: null, r: { SiteSheetPage }, t: { SheetBatch } }, 'SheetBatch')).toBe(SheetBatch);
    expect(exportOfChunk({ r: { SiteSheetPage } }, 'ComparePage')).toBeUndefined();
  });
});

describe('an action that failed (export, import): the text shown', () => {
  const t = (key: string) => translate('fr', key);
  it('a chunk that could not be downloaded: what happened and what to do, not the browser’s words', () => {
    const text = actionErrorText(t, new TypeError('Failed to fetch dynamically imported module: http://x/assets/results-abc.js'));
    expect(text).toMatch(/^une partie de l’atlas n’a pas pu être téléchargée/);
    expect(text).toMatch(/Rechargez la page/);
    expect(text).not.toMatch(/Failed to fetch/);
  });

  it('any other error: its own message', () => {
    expect(actionErrorText(t, new Error('« geometry » manque'))).toBe('« geometry » manque');
    expect(actionErrorText(t, 'texte')).toBe('texte');
  });
});
