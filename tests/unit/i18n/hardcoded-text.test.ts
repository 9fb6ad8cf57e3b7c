/**
 * Source scan: French text typed straight into the JSX of src/ui/** would not be
 * translated. Flags JSX text nodes and user-facing string attributes (aria-label, title,
 * alt, placeholder) that contain accented letters or typical French words, outside the
 * messages files. Deliberately simple and robust: it reads the .tsx sources as text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../../src/ui');
const ACCENTED = /[àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»]/;
const FRENCH_WORDS = /\b(le|la|les|des|du|une|et|pour|avec|sans|sur|dans|aucun|aucune|site|sites|carte|fiche|retour|ajouter|imprimer|rechercher|filtrer)\b/i;

function tsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsxFiles(p));
    else if (name.endsWith('.tsx')) out.push(p);
  }
  return out;
}

/** Removes comments (block, line, and JSX `{/* … *\/}`) so documentation does not count. */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function findHardCodedText(src: string): string[] {
  const code = stripComments(src);
  const hits: string[] = [];
  // JSX text: between a tag end `>` and the next `<` or `{`, not inside braces.
  for (const m of code.matchAll(/>([^<>{}]+)</g)) {
    const text = m[1].trim();
    if (!text || /^[\s\d.,:;()\-–—/|·•*+%€?!…'"]+$/.test(text)) continue;
    // Skip TypeScript generics and comparisons caught by the regex (e.g. `a > b ? c : d <`).
    if (/[=;&|]/.test(text) || /\b(return|const|let|if|else)\b/.test(text)) continue;
    if (ACCENTED.test(text) || FRENCH_WORDS.test(text)) hits.push(text);
  }
  for (const m of code.matchAll(/\b(aria-label|title|alt|placeholder)="([^"]+)"/g)) {
    if (ACCENTED.test(m[2]) || FRENCH_WORDS.test(m[2])) hits.push(`${m[1]}="${m[2]}"`);
  }
  return hits;
}

describe('no hard-coded French text in the UI components', () => {
  it('detects the patterns it is meant to catch (self-check)', () => {
    expect(findHardCodedText('<p>Retour à l\'atlas</p>')).toHaveLength(1);
    expect(findHardCodedText('<button aria-label="Fermer la fenêtre">x</button>')).toHaveLength(1);
    expect(findHardCodedText('<p>{t(\'sheet.title\')}</p>')).toEqual([]);
    expect(findHardCodedText('/* Fiche du site : détails */ <p>{x}</p>')).toEqual([]);
    expect(findHardCodedText('<span aria-hidden="true">★</span>')).toEqual([]);
  });

  const files = tsxFiles(ROOT);
  it('scans the .tsx files of src/ui', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const file of files) {
    it(relative(ROOT, file), () => {
      expect(findHardCodedText(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
