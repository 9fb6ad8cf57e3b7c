/**
 * Writes the build's outputs atomically: everything goes to a temporary sibling folder,
 * which then replaces the output folder by rename, so a half-built folder is never left.
 * Files in the old folder that this build does not produce (e.g. written by other scripts)
 * are carried over.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface WrittenFile {
  file: string;
  bytes: number;
  sha256: string;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export class StagingDir {
  readonly dir: string;
  private readonly written = new Map<string, WrittenFile>();

  constructor(readonly outDir: string) {
    const parent = path.dirname(path.resolve(outDir));
    fs.mkdirSync(parent, { recursive: true });
    this.dir = fs.mkdtempSync(path.join(parent, `.${path.basename(outDir)}.building-`));
    fs.chmodSync(this.dir, 0o755);
  }

  write(file: string, content: string): WrittenFile {
    const buf = Buffer.from(content, 'utf8');
    fs.writeFileSync(path.join(this.dir, file), buf);
    const w = { file, bytes: buf.length, sha256: sha256(buf) };
    this.written.set(file, w);
    return w;
  }

  files(): WrittenFile[] {
    return [...this.written.values()];
  }

  /**
   * Replaces outDir by the staged folder. Returns the names of carried-over files.
   * Retries when another build swaps the folder at the same moment.
   */
  commit(): string[] {
    const out = path.resolve(this.outDir);
    const carried: string[] = [];
    for (let attempt = 0; ; attempt++) {
      try {
        if (fs.existsSync(out)) {
          for (const name of fs.readdirSync(out)) {
            if (!this.written.has(name) && !fs.existsSync(path.join(this.dir, name))) {
              fs.cpSync(path.join(out, name), path.join(this.dir, name), { recursive: true });
              carried.push(name);
            }
          }
          const old = `${out}.old-${process.pid}-${Date.now()}`;
          fs.renameSync(out, old);
          try {
            fs.renameSync(this.dir, out);
          } catch (e) {
            fs.renameSync(old, out);
            throw e;
          }
          fs.rmSync(old, { recursive: true, force: true });
        } else {
          fs.renameSync(this.dir, out);
        }
        return carried;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (attempt >= 3 || !(code === 'ENOENT' || code === 'ENOTEMPTY' || code === 'EEXIST')) throw e;
        carried.length = 0;
      }
    }
  }

  discard(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} o`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} Kio`;
  return `${(n / 1024 / 1024).toFixed(2).replace('.', ',')} Mio`;
}
