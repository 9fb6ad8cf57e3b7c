import { describe, expect, it } from 'vitest';
import { isChunkLoadError } from '../../../src/ui/shared/lazy';

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
