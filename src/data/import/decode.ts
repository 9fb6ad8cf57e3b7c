/**
 * Bytes → text for imported files: UTF-8 (with or without BOM) when the bytes are valid
 * UTF-8, else Windows-1252 (the "ANSI" encoding of French Excel / older SIG exports;
 * a superset of Latin-1 for printable characters).
 *
 * Windows-1252 is decoded by a small table here rather than TextDecoder('windows-1252'):
 * Node's TextDecoder maps 0x80–0x9F to C1 controls instead of €, œ, ’…, unlike browsers.
 */

export type TextEncodingName = 'utf-8' | 'windows-1252';

/** Windows-1252 code points for 0x80–0x9F (undefined bytes map to U+FFFD). */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j];
      codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

export function toUint8Array(bytes: ArrayBuffer | Uint8Array): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/** Decodes the bytes, detecting the encoding. The BOM, if any, is removed. */
export function decodeText(input: ArrayBuffer | Uint8Array): { text: string; encoding: TextEncodingName; bom: boolean } {
  const bytes = toUint8Array(input);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding: 'utf-8', bom };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252', bom: false };
  }
}
