/**
 * Streaming reader for GeoJSON inputs of any size: splits a text stream into the raw JSON text
 * of each feature without ever holding the whole file, for
 *
 * - a FeatureCollection: the members of the root object other than `features` are reported
 *   as they come (type, name, crs…), then each element of `features`;
 * - newline-delimited GeoJSON (one Feature per line) and GeoJSON Text Sequences (RFC 8142:
 *   each record starts with the RS character U+001E): each top-level value is a record;
 * - a single Feature (one record).
 *
 * A structural scan (depth, strings, escapes) finds where each value starts and ends; the
 * caller then JSON.parse()s that slice alone. Why not a streaming JSON parser library (e.g.
 * stream-json)? They build every token as an event in JavaScript, several times slower than
 * this scan plus the engine's native JSON.parse on each feature, and the CLI must read 1M
 * polygons in seconds.
 */

export type StreamEvent =
  /** A member of the root FeatureCollection other than `features`, with its raw JSON value. */
  | { kind: 'member'; key: string; raw: string; beforeFeatures: boolean }
  /** The `features` array of the root FeatureCollection starts. */
  | { kind: 'features-start' }
  /** One element of `features`. */
  | { kind: 'feature'; raw: string }
  /** One top-level value of a sequence (NDJSON, RFC 8142) or a lone root value. */
  | { kind: 'record'; raw: string; separator: 'rs' | 'newline' | 'none' };

export class StreamSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const RS = 0x1e;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

/**
 * Push text chunks in order, then call end(). Events are delivered to `emit` synchronously.
 * Offsets in errors count UTF-16 code units from the start of the text.
 */
export class GeoJsonSplitter {
  private buf = '';
  /** Absolute offset of buf[0]. */
  private base = 0;
  /** Scan position in buf. */
  private i = 0;
  private depth = 0;
  private inString = false;
  private escape = false;
  // Top-level value in progress.
  private valueStart = -1;
  private rootIsObject = false;
  private sawRs = false;
  private sawNewlineBefore = false;
  // Root object member parsing (depth 1 of an object root).
  private expectKey = true;
  private keyStart = -1;
  private key: string | null = null;
  private memberStart = -1;
  private inFeatures = false;
  private featuresSeen = false;
  private elementStart = -1;
  private records = 0;

  constructor(private readonly emit: (e: StreamEvent) => void) {}

  push(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.scan();
    this.compact();
  }

  end(): void {
    this.scan();
    if (this.inString || this.depth > 0) {
      throw new StreamSyntaxError('fin du fichier au milieu d’une valeur (fichier tronqué ?)', this.base + this.buf.length);
    }
    if (this.records === 0 && !this.featuresSeen) throw new StreamSyntaxError('le fichier est vide', 0);
  }

  /** Lowest buffer index still needed, or −1 when nothing before the scan position is. */
  private keepFrom(): number {
    let k = -1;
    for (const v of [this.valueStart, this.keyStart, this.memberStart, this.elementStart]) {
      if (v >= 0 && (k === -1 || v < k)) k = v;
    }
    // In a root FeatureCollection the root start is not needed once its features stream.
    if (this.inFeatures || this.featuresSeen) {
      k = -1;
      for (const v of [this.keyStart, this.memberStart, this.elementStart]) if (v >= 0 && (k === -1 || v < k)) k = v;
    }
    return k;
  }

  private compact(): void {
    const keep = this.keepFrom();
    const cut = keep === -1 ? this.i : keep;
    if (cut > 65536 && cut > this.buf.length / 2) {
      this.buf = this.buf.slice(cut);
      this.base += cut;
      this.i -= cut;
      const shift = (v: number) => (v >= 0 ? v - cut : v);
      this.valueStart = this.inFeatures || this.featuresSeen ? -1 : shift(this.valueStart);
      this.keyStart = shift(this.keyStart);
      this.memberStart = shift(this.memberStart);
      this.elementStart = shift(this.elementStart);
    }
  }

  private fail(message: string, at: number): never {
    throw new StreamSyntaxError(message, this.base + at);
  }

  private scan(): void {
    const s = this.buf;
    const n = s.length;
    let i = this.i;
    let depth = this.depth;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.keyStart >= 0 && depth === 1) {
            const raw = s.slice(this.keyStart, i + 1);
            this.key = raw.indexOf('\\') >= 0 ? (JSON.parse(raw) as string) : raw.slice(1, -1);
            this.keyStart = -1;
          }
        }
        i++;
        continue;
      }
      if (depth === 0) {
        if (c === RS) {
          this.sawRs = true;
          i++;
          continue;
        }
        if (isSpace(c)) {
          if (c === 0x0a) this.sawNewlineBefore = true;
          i++;
          continue;
        }
        if (c !== 0x7b && c !== 0x5b) {
          this.fail(`caractère inattendu « ${String.fromCharCode(c)} » hors d’un objet JSON`, i);
        }
        this.valueStart = i;
        this.rootIsObject = c === 0x7b;
        this.expectKey = true;
        this.key = null;
        this.inFeatures = false;
        this.featuresSeen = false;
        depth = 1;
        i++;
        continue;
      }
      // Inside a value.
      if (c === 0x22) {
        this.inString = true;
        if (depth === 1 && this.rootIsObject && this.expectKey) this.keyStart = i;
        else if (depth === 1 && this.rootIsObject && this.memberStart < 0 && this.key !== null) this.memberStart = i;
        else if (depth === 2 && this.inFeatures && this.elementStart < 0) this.elementStart = i;
        i++;
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        if (depth === 1 && this.rootIsObject && this.key !== null && this.memberStart < 0) {
          if (this.key === 'features' && c === 0x5b && this.records === 0) {
            this.inFeatures = true;
            this.featuresSeen = true;
            this.key = null;
            this.emit({ kind: 'features-start' });
          } else this.memberStart = i;
        } else if (depth === 2 && this.inFeatures && this.elementStart < 0) this.elementStart = i;
        depth++;
        i++;
        continue;
      }
      if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 2 && this.inFeatures && this.elementStart >= 0) {
          this.emit({ kind: 'feature', raw: s.slice(this.elementStart, i + 1) });
          this.elementStart = -1;
        } else if (depth === 1 && this.inFeatures) {
          // End of the features array (c is "]"), after a last primitive element if any.
          if (this.elementStart >= 0) {
            this.emit({ kind: 'feature', raw: s.slice(this.elementStart, i).trim() });
            this.elementStart = -1;
          }
          this.inFeatures = false;
          this.expectKey = false;
        } else if (depth === 1 && this.memberStart >= 0) {
          this.emitMember(s.slice(this.memberStart, i + 1));
        } else if (depth === 0) {
          if (this.rootIsObject && this.key !== null && this.memberStart >= 0) this.emitMember(s.slice(this.memberStart, i).trim());
          if (!this.featuresSeen) {
            this.records++;
            this.emit({ kind: 'record', raw: s.slice(this.valueStart, i + 1), separator: this.sawRs ? 'rs' : this.records > 1 || this.sawNewlineBefore ? 'newline' : 'none' });
          }
          this.valueStart = -1;
          this.sawRs = false;
        }
        i++;
        continue;
      }
      if (depth === 1 && this.rootIsObject) {
        if (c === 0x3a) {
          // ":" after a key: the value follows.
          this.expectKey = false;
        } else if (c === 0x2c) {
          if (this.memberStart >= 0) this.emitMember(s.slice(this.memberStart, i).trim());
          this.expectKey = true;
          this.key = null;
        } else if (!isSpace(c) && this.key !== null && this.memberStart < 0 && !this.expectKey) {
          this.memberStart = i; // a number, true, false or null
        }
      } else if (depth === 2 && this.inFeatures) {
        if (c === 0x2c) {
          if (this.elementStart >= 0) {
            this.emit({ kind: 'feature', raw: s.slice(this.elementStart, i).trim() });
            this.elementStart = -1;
          }
        } else if (!isSpace(c) && this.elementStart < 0) this.elementStart = i;
      }
      i++;
    }
    this.i = i;
    this.depth = depth;
  }

  private emitMember(raw: string): void {
    this.emit({ kind: 'member', key: this.key!, raw, beforeFeatures: !this.featuresSeen });
    this.memberStart = -1;
    this.key = null;
  }
}
