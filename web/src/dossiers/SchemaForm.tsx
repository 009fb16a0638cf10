/** The procedure's online form, rendered from its JSON Schema (see form-schema.ts), with inline errors. */
import type { FieldProblem, FormField, FormValues } from './form-schema.js';
import { useDossiersT, type DossiersT } from './i18n.js';
import { Field } from './ui.js';

export function problemText(p: FieldProblem, t: DossiersT): string {
  if ('limit' in p) return t(`problem.${p.kind}`, { limit: p.limit });
  return t(`problem.${p.kind}`);
}

export const fieldId = (prefix: string, name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function SchemaFields(props: {
  prefix: string;
  fields: FormField[];
  values: FormValues;
  /** Shown problems: the browser's checks, or the server's words for a field. */
  errors: Record<string, string>;
  onChange: (name: string, value: string | boolean) => void;
}) {
  const { t, lang } = useDossiersT();
  // Labels come from the published procedure, in Vietnamese.
  const viLang = lang === 'vi' ? undefined : 'vi';
  return (
    <>
      {props.fields.map((f) => {
        const id = fieldId(props.prefix, f.name);
        const error = props.errors[f.name] ?? null;
        const label = <span lang={viLang}>{f.label}</span>;
        if (f.kind === 'boolean') {
          return (
            <div key={f.name} className={error ? 'field field-invalid' : 'field'}>
              {error && (
                <p className="field-error" id={`${id}-error`}>
                  {error}
                </p>
              )}
              <div className="checkbox">
                <input
                  id={id}
                  type="checkbox"
                  checked={props.values[f.name] === true}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[f.description && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
                  onChange={(e) => props.onChange(f.name, e.target.checked)}
                />
                <label htmlFor={id}>
                  {label}
                  {f.mustBeTrue && <span aria-hidden="true"> *</span>}
                </label>
              </div>
              {f.description && (
                <p className="hint" id={`${id}-hint`} lang={viLang}>
                  {f.description}
                </p>
              )}
            </div>
          );
        }
        const value = typeof props.values[f.name] === 'string' ? (props.values[f.name] as string) : '';
        const hint = f.description ?? (f.kind === 'date' ? t('apply.dateHint') : null);
        return (
          <Field key={f.name} id={id} label={label} hint={hint} error={error} required={f.required}>
            {(a11y) =>
              f.kind === 'enum' ? (
                <select {...a11y} value={value} onChange={(e) => props.onChange(f.name, e.target.value)}>
                  <option value="">{t('apply.choose')}</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value} lang={viLang}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.kind === 'longtext' ? (
                <textarea {...a11y} rows={4} value={value} maxLength={f.maxLength} onChange={(e) => props.onChange(f.name, e.target.value)} />
              ) : (
                <input
                  {...a11y}
                  type={f.kind === 'date' ? 'date' : 'text'}
                  inputMode={f.kind === 'integer' ? 'numeric' : f.kind === 'number' ? 'decimal' : undefined}
                  value={value}
                  autoComplete="off"
                  onChange={(e) => props.onChange(f.name, e.target.value)}
                />
              )
            }
          </Field>
        );
      })}
    </>
  );
}

/** The error summary at the top of a form: each problem links to its field. */
export function ErrorSummary({ prefix, fields, errors, title, summaryRef }: { prefix: string; fields: FormField[]; errors: Record<string, string>; title: string; summaryRef: React.RefObject<HTMLDivElement | null> }) {
  const names = fields.filter((f) => errors[f.name]);
  return (
    <div ref={summaryRef} tabIndex={-1} role="alert" className={names.length ? 'form-errors' : 'form-errors-empty'}>
      {names.length > 0 && (
        <>
          <p className="form-errors-title">{title}</p>
          <ul>
            {names.map((f) => (
              <li key={f.name}>
                <a
                  href={`#${fieldId(prefix, f.name)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(fieldId(prefix, f.name))?.focus();
                  }}
                >
                  {f.label}: {errors[f.name]}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
