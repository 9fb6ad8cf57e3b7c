/**
 * Small labelled form controls of the site editor. Each input has a visible label; errors
 * are tied to their input (aria-invalid, aria-describedby) and shown as text.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { breakUndoGroup } from '../../state/drafts';

/** Leaving a field ends its undo group (every change is already saved as it is typed). */
function onBlurSave() {
  breakUndoGroup();
}

export function FieldError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <p id={id} className="cur-field-error" role="alert">
      {message}
    </p>
  ) : null;
}

export function TextField(props: {
  label: string;
  value: string | null;
  onChange: (v: string) => void;
  multiline?: boolean;
  type?: 'text' | 'url';
  required?: boolean;
  error?: string | null;
  testId?: string;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const common = {
    id,
    value: props.value ?? '',
    onBlur: onBlurSave,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errId : undefined,
    'aria-required': props.required || undefined,
    'data-testid': props.testId,
  };
  return (
    <div className="cur-field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onChange={(e) => props.onChange(e.target.value)} />
      )}
      <FieldError id={errId} message={props.error ?? null} />
    </div>
  );
}

/** Parses "12 345,5" or "12345.5"; null for blank; NaN when not a number. */
export function parseNumber(s: string): number | null {
  const x = s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!x) return null;
  const n = Number(x);
  return Number.isFinite(n) ? n : NaN;
}

function numberText(v: number | null): string {
  return v === null || v === undefined ? '' : String(v).replace('.', ',');
}

/**
 * A number typed as text (French decimal comma accepted). The value is committed as soon
 * as it parses; while it does not, the error is shown and the last valid value is kept.
 */
export function NumberField(props: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  invalidMessage: string;
  onInvalid?: (message: string) => void;
  testId?: string;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const [text, setText] = useState(numberText(props.value));
  const [error, setError] = useState<string | null>(null);
  // Follow outside changes (undo / redo) unless they are what is typed.
  useEffect(() => {
    const parsed = parseNumber(text);
    if (parsed !== props.value && !(Number.isNaN(parsed) && error)) {
      setText(numberText(props.value));
      setError(null);
    }
  }, [props.value]);
  return (
    <div className="cur-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        data-testid={props.testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
        onBlur={onBlurSave}
        onChange={(e) => {
          const s = e.target.value;
          setText(s);
          const n = parseNumber(s);
          if (n === null || (!Number.isNaN(n) && n >= 0)) {
            setError(null);
            if (n !== props.value) props.onChange(n);
          } else {
            setError(props.invalidMessage);
            props.onInvalid?.(props.invalidMessage);
          }
        }}
      />
      <FieldError id={errId} message={error} />
    </div>
  );
}

export function SelectField<V extends string>(props: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (v: V) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="cur-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} data-testid={props.testId} onBlur={onBlurSave} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="cur-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
