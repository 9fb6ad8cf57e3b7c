/**
 * « Exporter mes brouillons », offered wherever something went wrong (error boundaries, storage
 * unavailable or full): downloads a backup of every draft this browser holds, from memory (so
 * what could not be written is in it too). Loads the drafts code on demand.
 */
import { downloadBlob } from '../../data/export/download';

/** Downloads the backup; resolves with the file name. */
export async function exportMyDrafts(): Promise<string> {
  const drafts = await import('../../state/drafts');
  await drafts.initDrafts();
  const text = await drafts.exportBackup();
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const name = `atlas-brouillons-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.json`;
  downloadBlob(name, text, 'application/json');
  return name;
}
