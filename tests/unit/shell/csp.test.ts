import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, IGN_ORIGIN, inlineScriptHashes, withCspMeta } from '../../../scripts/lib/csp';
import { IGN_TILES } from '../../../src/map/basemap';

const sha = (s: string) => `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;

describe('Content-Security-Policy of the build', () => {
  it('allows only the app itself, data: images, the IGN tiles, and the given inline scripts by hash', () => {
    const csp = contentSecurityPolicy(['sha256-abc=']);
    expect(csp).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; style-src 'self'; img-src 'self' data: https://data.geopf.fr; font-src 'self'; " +
        "connect-src 'self' https://data.geopf.fr; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    );
    expect(csp.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe|\*/);
  });

  it('names the host the IGN basemap really uses', () => {
    expect(new URL(IGN_TILES.replace(/[{}]/g, '')).origin).toBe(IGN_ORIGIN);
  });

  it('hashes inline scripts only, byte for byte', () => {
    const html = '<head><script>a();\n</script><script type="module" src="./x.js"></script><script type="text/javascript">b()</script></head>';
    expect(inlineScriptHashes(html)).toEqual([sha('a();\n'), sha('b()')]);
  });

  it('puts the meta right after the charset, before any script', () => {
    const html = '<!doctype html><html><head>\n<meta charset="UTF-8" />\n<title>x</title><script>go()</script></head></html>';
    const out = withCspMeta(html);
    const i = out.indexOf('http-equiv="Content-Security-Policy"');
    expect(i).toBeGreaterThan(out.indexOf('charset'));
    expect(i).toBeLessThan(out.indexOf('<title>'));
    expect(out).toContain(`'${sha('go()')}'`);
  });
});
