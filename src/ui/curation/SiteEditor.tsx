/**
 * The site form: every field of a site, the « clé en main » checklist with the derived
 * level shown live, and the values computed from the geometry (commune, EPCI, surface,
 * distances). Every change is an undo step (Ctrl+Z / Ctrl+Shift+Z inside the form) and is
 * saved as a draft at once.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { READINESS_ITEM_IDS, type Availability, type ItemStatus, type Occupation, type ReadinessItemId, type SiteKind } from '../../domain/types';
import { readinessLevel } from '../../domain/readiness';
import { SECTORS } from '../../domain/sectors';
import { useAtlas } from '../../state/store';
import {
  breakUndoGroup,
  canRedo,
  canUndo,
  editSite,
  redo,
  undo,
  useCuration,
  type EditSession,
} from '../../state/drafts';
import { formatNumber, useT } from '../i18n';
import { Group, NumberField, SelectField, TextField } from './fields';
import { ConflictChoices } from './ConflictChoices';
import { CnigTerrainFields } from './CnigTerrainFields';

const KINDS: SiteKind[] = ['plot', 'friche'];
const AVAILABILITIES: Availability[] = ['disponible', 'sous_option', 'vendu_occupe', 'inconnu'];
const OCCUPATIONS: Occupation[] = ['occupe', 'inoccupe', 'en_transition', 'friche', 'inconnu'];
const STATUSES: ItemStatus[] = ['fait', 'en_cours', 'a_faire', 'a_verifier', 'sans_objet', 'inconnu'];

export function SiteEditor({ session, focusName = 0 }: { session: EditSession; focusName?: number }) {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  // A site just drawn: type its name at once.
  useEffect(() => {
    if (!focusName) return;
    const input = rootRef.current?.querySelector<HTMLInputElement>('[data-testid="field-name"]');
    input?.focus();
    input?.select();
  }, [focusName]);
  const locale = useAtlas((s) => s.locale);
  const zones = useAtlas((s) => s.zones);
  const undoable = useCuration(canUndo);
  const redoable = useCuration(canRedo);
  const pending = useCuration((s) => s.distancesPending.includes(session.id));
  const p = session.current.properties;
  const level = readinessLevel(p);
  const announce = useAtlas.getState().announce;
  const levelId = useId();

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (!(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' || k === 'y') {
      e.preventDefault();
      const isRedo = k === 'y' || e.shiftKey;
      const ok = isRedo ? redo() : undo();
      if (ok) announce(t(isRedo ? 'cur.editor.redone' : 'cur.editor.undone'));
    }
  }

  const nameError = p.name.trim() ? null : t('cur.error.name');
  const num = (v: number) => formatNumber(locale, v);
  const km = (m: number | null | undefined) =>
    pending ? t('cur.field.computing') : typeof m === 'number' ? t('cur.unit.km', { v: formatNumber(locale, m / 1000, 1) }) : t('cur.field.unavailable');
  const surface = p.computed_surface_m2;
  const sortedZones = [...zones].sort((a, b) => a.name.localeCompare(b.name, 'fr'));

  return (
    <div className="cur-editor" ref={rootRef} onKeyDown={onKeyDown} data-testid="site-editor">
      <div className="cur-toolbar" role="toolbar" aria-label={t('cur.editor.toolbar')}>
        <button
          type="button"
          disabled={!undoable}
          title={t('cur.editor.undo.title')}
          aria-keyshortcuts="Control+Z"
          onClick={() => undo() && announce(t('cur.editor.undone'))}
        >
          ↶ {t('cur.editor.undo')}
        </button>
        <button
          type="button"
          disabled={!redoable}
          title={t('cur.editor.redo.title')}
          aria-keyshortcuts="Control+Shift+Z"
          onClick={() => redo() && announce(t('cur.editor.redone'))}
        >
          ↷ {t('cur.editor.redo')}
        </button>
      </div>

      <ConflictChoices siteId={session.id} />

      <Group title={t('cur.editor.group.identity')}>
        <TextField
          label={t('cur.field.name')}
          value={p.name}
          required
          error={nameError}
          testId="field-name"
          onChange={(v) => editSite('name', () => ({ name: v }))}
        />
        <SelectField
          label={t('cur.field.kind')}
          value={p.kind}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          onChange={(v) => editSite('kind', () => ({ kind: v }))}
        />
        <SelectField
          label={t('cur.field.zone')}
          value={p.zone_id ?? ''}
          options={[{ value: '', label: t('cur.field.zone.none') }, ...sortedZones.map((z) => ({ value: z.zone_id, label: z.name }))]}
          onChange={(v) => {
            const z = zones.find((x) => x.zone_id === v);
            editSite('zone', () => ({ zone_id: z ? z.zone_id : null, zone_name: z ? z.name : null }));
          }}
        />
        {p.kind === 'friche' && (
          <>
            <TextField
              label={t('cur.field.fricheStatus')}
              value={p.friche_status}
              onChange={(v) => editSite('friche_status', () => ({ friche_status: v || null }))}
            />
            <TextField
              label={t('cur.field.fricheType')}
              value={p.friche_type}
              onChange={(v) => editSite('friche_type', () => ({ friche_type: v || null }))}
            />
          </>
        )}
        <TextField label={t('cur.field.source')} value={p.source} onChange={(v) => editSite('source', () => ({ source: v }))} />
        <TextField
          label={t('cur.field.sourceUrl')}
          type="url"
          value={p.source_url}
          onChange={(v) => editSite('source_url', () => ({ source_url: v.trim() ? v : null }))}
        />
      </Group>

      <Group title={t('cur.editor.group.market')}>
        <fieldset className="cur-sectors">
          <legend>{t('cur.field.sectors')}</legend>
          {SECTORS.map((s) => {
            const on = p.sectors.includes(s.id);
            return (
              <label key={s.id} className="cur-check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => {
                    editSite(`sector.${s.id}`, (q) => ({
                      sectors: on ? q.sectors.filter((x) => x !== s.id) : SECTORS.map((x) => x.id).filter((x) => x === s.id || q.sectors.includes(x)),
                    }));
                    breakUndoGroup();
                  }}
                />
                {t(`sector.${s.id}`)}
              </label>
            );
          })}
        </fieldset>
        <SelectField
          label={t('cur.field.availability')}
          value={p.availability}
          options={AVAILABILITIES.map((a) => ({ value: a, label: t(`availability.${a}`) }))}
          onChange={(v) => editSite('availability', () => ({ availability: v }))}
        />
        <SelectField
          label={t('cur.field.occupation')}
          value={p.occupation}
          options={OCCUPATIONS.map((o) => ({ value: o, label: t(`occupation.${o}`) }))}
          onChange={(v) => editSite('occupation', () => ({ occupation: v }))}
        />
        <NumberField
          label={t('cur.field.price')}
          value={p.price_eur_m2}
          invalidMessage={t('cur.error.number', { label: t('cur.field.price') })}
          onInvalid={announce}
          onChange={(v) => editSite('price', () => ({ price_eur_m2: v }))}
        />
        <NumberField
          label={t('cur.field.declared')}
          value={p.declared_surface_m2}
          invalidMessage={t('cur.error.number', { label: t('cur.field.declared') })}
          onInvalid={announce}
          onChange={(v) => editSite('declared', () => ({ declared_surface_m2: v }))}
        />
        <TextField label={t('cur.field.contact')} value={p.contact} onChange={(v) => editSite('contact', () => ({ contact: v || null }))} />
        <TextField label={t('cur.field.notes')} value={p.notes} multiline onChange={(v) => editSite('notes', () => ({ notes: v || null }))} />
      </Group>

      <CnigTerrainFields p={p} />

      <Group title={t('cur.editor.group.location')}>
        <dl className="cur-computed" aria-live="polite">
          <dt>{t('cur.field.commune')}</dt>
          <dd data-testid="computed-commune">{p.commune ? `${p.commune} (${p.insee ?? ''})` : t('cur.field.outside')}</dd>
          <dt>{t('cur.field.epci')}</dt>
          <dd>{p.epci_name ?? t('cur.field.outside')}</dd>
          <dt>{t('cur.field.surface')}</dt>
          <dd data-testid="computed-surface">
            {surface === null
              ? t('cur.field.noSurface')
              : t('cur.unit.surface', { m2: num(Math.round(surface)), ha: formatNumber(locale, surface / 10000, 2) })}
          </dd>
          <dt>{t('cur.field.distRn2')}</dt>
          <dd>{km(p.dist_rn2_m)}</dd>
          <dt>{t('cur.field.distWaterway')}</dt>
          <dd>
            {km(p.dist_waterway_m)}
            {!pending && p.waterway_name ? ` (${p.waterway_name})` : ''}
          </dd>
          <dt>{t('cur.field.distStation')}</dt>
          <dd>
            {km(p.dist_station_m)}
            {!pending && p.station_name ? ` (${p.station_name})` : ''}
          </dd>
          <dt>{t('cur.field.distIte')}</dt>
          <dd>
            {km(p.dist_ite_m)}
            {!pending && p.ite_name ? ` (${p.ite_name}, ${p.ite_line ?? '?'})` : ''}
          </dd>
        </dl>
      </Group>

      <Group title={t('cur.editor.group.readiness')}>
        <p className="cur-level">
          <span id={levelId}>{t('cur.field.level')}</span>{' '}
          <output aria-labelledby={levelId} aria-live="polite" className={`cur-level-badge level-${level}`} data-testid="derived-level">
            {t(`level.${level}`)}
          </output>
        </p>
        {READINESS_ITEM_IDS.map((id, i) => (
          <ReadinessRow key={id} id={id} n={i + 1} session={session} />
        ))}
      </Group>
    </div>
  );
}

/** A checklist item's date: year, year-month or full date (ISO 8601), as the sources give it. */
const ITEM_DATE_PATTERN = '\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?';

function ReadinessRow({ id, n, session }: { id: ReadinessItemId; n: number; session: EditSession }) {
  const t = useT();
  const item = session.current.properties.readiness?.[id] ?? { status: 'inconnu', date: null, source: null };
  const base = useId();
  const set = (patch: Partial<typeof item>, field: string) =>
    editSite(`readiness.${id}.${field}`, (p) => ({
      readiness: { ...p.readiness, [id]: { ...(p.readiness?.[id] ?? { status: 'inconnu', date: null, source: null }), ...patch } },
    }));
  return (
    <fieldset className="cur-ready-item">
      <legend>{t('cur.field.itemLegend', { n, label: t(`readinessItem.${id}`) })}</legend>
      <div className="cur-ready-grid">
        <div className="cur-field">
          <label htmlFor={`${base}-s`}>{t('cur.field.status')}</label>
          <select
            id={`${base}-s`}
            value={item.status}
            onChange={(e) => {
              set({ status: e.target.value as ItemStatus }, 'status');
              breakUndoGroup();
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`itemStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="cur-field">
          <label htmlFor={`${base}-d`}>{t('cur.field.date')}</label>
          {/* Text, not type="date": the sources date most items to the month (« 2020-09 »), which a
              date input cannot show (it would look empty). */}
          <input
            id={`${base}-d`}
            type="text"
            inputMode="numeric"
            placeholder={t('cur.field.datePlaceholder')}
            pattern={ITEM_DATE_PATTERN}
            aria-describedby={`${base}-dh`}
            value={item.date ?? ''}
            onChange={(e) => set({ date: e.target.value.trim() || null }, 'date')}
          />
          <span id={`${base}-dh`} className="cur-hint">
            {t('cur.field.dateHint')}
          </span>
        </div>
        <div className="cur-field cur-field-wide">
          <label htmlFor={`${base}-src`}>{t('cur.field.itemSource')}</label>
          <input
            id={`${base}-src`}
            type="text"
            value={item.source ?? ''}
            onBlur={breakUndoGroup}
            onChange={(e) => set({ source: e.target.value || null }, 'source')}
          />
        </div>
      </div>
    </fieldset>
  );
}
