/**
 * Builds the ZoneRecord[] of zones.json from zones/zones_index.csv and zones/zones_facts.csv
 * (see the zones SOURCES.md). Several values in one cell are separated by ';'.
 * No zone has an outline yet: needs_digitising is true and geometry null.
 */
import Papa from 'papaparse';
import type { ValidationIssue } from '../../src/data/validation/index';
import type { ZoneFact, ZoneRecord } from '../../src/domain/types';

const INDEX_COLUMNS = ['zone_id', 'zone_name', 'kind', 'commune', 'insee', 'epci_siren'] as const;
const FACT_COLUMNS = ['fact_id', 'zone_id', 'attribute', 'value', 'unit', 'fact_date', 'source_url', 'source_date', 'note'] as const;

type Row = Record<string, string>;

export function splitMulti(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function orNull(cell: string | undefined): string | null {
  const s = (cell ?? '').trim();
  return s === '' ? null : s;
}

function rowIssue(
  level: ValidationIssue['level'],
  code: string,
  file: string,
  index: number | null,
  label: string | null,
  problem: string,
): ValidationIssue {
  // index is the 0-based data row; the file line is index + 2 (line 1 is the header).
  const where = index === null ? file : `${file}, ligne ${index + 2}${label ? ` (« ${label} »)` : ''}`;
  return { level, code, featureIndex: index, featureLabel: label, message: `${where} : ${problem}` };
}

function parseCsv(text: string, file: string, columns: readonly string[], issues: ValidationIssue[]): Row[] {
  const parsed = Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  for (const e of parsed.errors) {
    issues.push(rowIssue('error', 'csv-syntax', file, e.row ?? null, null, `erreur de lecture CSV (${e.message}).`));
  }
  const fields = parsed.meta.fields ?? [];
  const missing = columns.filter((c) => !fields.includes(c));
  if (missing.length > 0) {
    issues.push(
      rowIssue('error', 'missing-column', file, null, null, `colonne(s) obligatoire(s) absente(s) : ${missing.map((c) => `« ${c} »`).join(', ')}.`),
    );
  }
  return parsed.data;
}

export interface ZonesResult {
  zones: ZoneRecord[];
  issues: ValidationIssue[];
}

export function buildZones(indexText: string, factsText: string, indexFile: string, factsFile: string): ZonesResult {
  const issues: ValidationIssue[] = [];
  const indexRows = parseCsv(indexText, indexFile, INDEX_COLUMNS, issues);
  const factRows = parseCsv(factsText, factsFile, FACT_COLUMNS, issues);
  if (issues.some((i) => i.code === 'missing-column')) return { zones: [], issues };

  const zones: ZoneRecord[] = [];
  const byId = new Map<string, ZoneRecord>();
  const announcedFacts = new Map<ZoneRecord, { row: number; n: string | undefined }>();
  indexRows.forEach((row, i) => {
    const id = orNull(row.zone_id);
    const label = [id, orNull(row.zone_name)].filter(Boolean).join(' ') || null;
    if (!id) {
      issues.push(rowIssue('error', 'missing-field', indexFile, i, label, `la colonne obligatoire « zone_id » est vide.`));
      return;
    }
    if (byId.has(id)) {
      issues.push(rowIssue('error', 'duplicate-id', indexFile, i, label, `l'identifiant de zone « ${id} » est en double.`));
      return;
    }
    if (!orNull(row.zone_name)) {
      issues.push(rowIssue('error', 'missing-field', indexFile, i, label, `la colonne obligatoire « zone_name » est vide.`));
    }
    const zone: ZoneRecord = {
      zone_id: id,
      name: (row.zone_name ?? '').trim(),
      kind: (row.kind ?? '').trim(),
      communes: splitMulti(row.commune),
      insee: splitMulti(row.insee),
      epci_siren: splitMulti(row.epci_siren),
      facts: [],
      needs_digitising: true,
      geometry: null,
    };
    for (const code of zone.insee) {
      if (!/^\d[\dAB]\d{3}$/.test(code)) {
        issues.push(rowIssue('error', 'invalid-value', indexFile, i, label, `le code INSEE « ${code} » n'a pas la forme attendue (5 caractères).`));
      }
    }
    byId.set(id, zone);
    announcedFacts.set(zone, { row: i, n: row.n_facts });
    zones.push(zone);
  });

  const factIds = new Set<string>();
  factRows.forEach((row, i) => {
    const factId = orNull(row.fact_id);
    const label = factId;
    const zoneId = orNull(row.zone_id);
    if (!factId) {
      issues.push(rowIssue('error', 'missing-field', factsFile, i, label, `la colonne obligatoire « fact_id » est vide.`));
      return;
    }
    if (factIds.has(factId)) {
      issues.push(rowIssue('error', 'duplicate-id', factsFile, i, label, `l'identifiant de fait « ${factId} » est en double.`));
      return;
    }
    factIds.add(factId);
    const zone = zoneId ? byId.get(zoneId) : undefined;
    if (!zone) {
      issues.push(
        rowIssue('error', 'unknown-zone', factsFile, i, label, `la zone « ${zoneId ?? ''} » n'existe pas dans ${indexFile}.`),
      );
      return;
    }
    for (const col of ['attribute', 'value', 'source_url'] as const) {
      if (!orNull(row[col])) {
        issues.push(rowIssue('error', 'missing-field', factsFile, i, label, `la colonne obligatoire « ${col} » est vide.`));
      }
    }
    const fact: ZoneFact = {
      fact_id: factId,
      attribute: (row.attribute ?? '').trim(),
      value: (row.value ?? '').trim(),
      unit: orNull(row.unit),
      fact_date: orNull(row.fact_date),
      source_url: (row.source_url ?? '').trim(),
      source_date: orNull(row.source_date),
      note: orNull(row.note),
    };
    zone.facts.push(fact);
  });

  // The index announces its number of facts: a mismatch means one of the two files is stale.
  for (const [zone, { row, n }] of announcedFacts) {
    const announced = Number(n);
    if (n !== undefined && n.trim() !== '' && Number.isFinite(announced) && announced !== zone.facts.length) {
      issues.push(
        rowIssue(
          'warning',
          'count-mismatch',
          indexFile,
          row,
          `${zone.zone_id} ${zone.name}`,
          `n_facts annonce ${announced} fait(s), ${factsFile} en contient ${zone.facts.length}.`,
        ),
      );
    }
  }
  return { zones, issues };
}
