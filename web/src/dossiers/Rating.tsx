/**
 * The applicant's satisfaction rating, once the result is returned: satisfied or not, a 1–5 score per
 * criterion (the criteria come from the server), an optional comment. Radio groups in fieldsets, errors
 * in words next to each group, a thank-you message, then the rating as given (editable while the
 * server says so, 7 days after the return).
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { useLocalized } from '../i18n.js';
import { useDossiersT } from './i18n.js';
import type { RatingView } from './types.js';
import { asApiError, ErrorBox, formatDateTime, useLoad } from './ui.js';

const SCORES = [1, 2, 3, 4, 5] as const;
const MAX_COMMENT = 2000;

export function Rating({ dossierRef }: { dossierRef: string }) {
  const { t } = useDossiersT();
  const path = `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/rating`;
  const [state, reload, set] = useLoad((signal) => api.get<RatingView>(path, undefined, signal), [path]);
  const [editing, setEditing] = useState(false);
  const [thanks, setThanks] = useState(false);
  if (state.kind === 'loading') return null;
  if (state.kind === 'error') return <ErrorBox error={state.error} onRetry={reload} retryLabel={t('common.retry')} />;
  const v = state.data;
  if (v.window === 'not_open') return null;
  return (
    <section aria-labelledby="dos-rating" className="dos-section dos-rating dos-no-print">
      <h2 id="dos-rating">{t('rating.heading')}</h2>
      <div role="status">{thanks && <p className="notice">{t('rating.thanks')}</p>}</div>
      {v.rating && !editing ? (
        <Given view={v} onEdit={() => { setThanks(false); setEditing(true); }} />
      ) : v.canRate ? (
        <RatingForm
          view={v}
          path={path}
          onSaved={(next) => {
            set(next);
            setEditing(false);
            setThanks(true);
          }}
        />
      ) : (
        <p>{t('rating.closed')}</p>
      )}
    </section>
  );
}

function Given({ view, onEdit }: { view: RatingView; onEdit: () => void }) {
  const { t, lang } = useDossiersT();
  const localized = useLocalized();
  const r = view.rating!;
  return (
    <>
      <p>
        <strong>{r.satisfied ? t('rating.satisfied') : t('rating.notSatisfied')}</strong>
      </p>
      <dl className="dos-card-facts">
        {view.criteria.map((c) => (
          <div key={c.code}>
            <dt>{localized(c.label)}</dt>
            <dd>{t('rating.scoreOf', { score: r.scores[c.code] ?? '—' })}</dd>
          </div>
        ))}
      </dl>
      {r.comment && <blockquote className="dos-rating-comment">{r.comment}</blockquote>}
      <p className="hint">{t('rating.givenAt', { time: formatDateTime(r.updatedAt, lang) })}</p>
      {view.canRate && view.editableUntil && (
        <p>
          <button type="button" className="secondary" onClick={onEdit}>
            {t('rating.edit')}
          </button>{' '}
          <span className="hint">{t('rating.editableUntil', { time: formatDateTime(view.editableUntil, lang) })}</span>
        </p>
      )}
    </>
  );
}

function RatingForm({ view, path, onSaved }: { view: RatingView; path: string; onSaved: (v: RatingView) => void }) {
  const { t } = useDossiersT();
  const localized = useLocalized();
  const [satisfied, setSatisfied] = useState<boolean | null>(view.rating?.satisfied ?? null);
  const [scores, setScores] = useState<Record<string, number>>(view.rating?.scores ?? {});
  const [comment, setComment] = useState(view.rating?.comment ?? '');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const busy = useRef(false);

  const missing = { satisfied: satisfied === null, ...Object.fromEntries(view.criteria.map((c) => [c.code, scores[c.code] === undefined])) } as Record<string, boolean>;
  const invalid = (name: string) => tried && missing[name];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.values(missing).some(Boolean) || comment.length > MAX_COMMENT) {
      const first = satisfied === null ? 'rate-satisfied-yes' : `rate-${view.criteria.find((c) => missing[c.code])?.code}-1`;
      window.setTimeout(() => document.getElementById(first)?.focus(), 0);
      return;
    }
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      const body = { satisfied: satisfied!, scores, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      onSaved(await api.put<RatingView>(path, body));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      busy.current = false;
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form" aria-labelledby="dos-rating">
      <p>{t('rating.intro')}</p>
      {error && <ErrorBox error={error} />}
      <fieldset className={invalid('satisfied') ? 'field field-invalid' : 'field'} aria-describedby={invalid('satisfied') ? 'rate-satisfied-error' : undefined}>
        <legend>{t('rating.overall')}</legend>
        {invalid('satisfied') && (
          <p className="field-error" id="rate-satisfied-error">
            {t('rating.choose')}
          </p>
        )}
        <div className="dos-radios">
          <label>
            <input id="rate-satisfied-yes" type="radio" name="rate-satisfied" checked={satisfied === true} onChange={() => setSatisfied(true)} /> {t('rating.satisfied')}
          </label>
          <label>
            <input type="radio" name="rate-satisfied" checked={satisfied === false} onChange={() => setSatisfied(false)} /> {t('rating.notSatisfied')}
          </label>
        </div>
      </fieldset>
      {view.criteria.map((c) => (
        <fieldset key={c.code} className={invalid(c.code) ? 'field field-invalid' : 'field'} aria-describedby={invalid(c.code) ? `rate-${c.code}-error` : `rate-scale`}>
          <legend>{localized(c.label)}</legend>
          {invalid(c.code) && (
            <p className="field-error" id={`rate-${c.code}-error`}>
              {t('rating.choose')}
            </p>
          )}
          <div className="dos-radios">
            {SCORES.map((n) => (
              <label key={n}>
                <input id={`rate-${c.code}-${n}`} type="radio" name={`rate-${c.code}`} value={n} checked={scores[c.code] === n} onChange={() => setScores((s) => ({ ...s, [c.code]: n }))} />{' '}
                {t(`rating.score${n}` as 'rating.score1')}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <p className="hint" id="rate-scale">
        {t('rating.scale')}
      </p>
      <div className={comment.length > MAX_COMMENT ? 'field field-invalid' : 'field'}>
        <label htmlFor="rate-comment">{t('rating.comment')}</label>
        <textarea id="rate-comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby="rate-comment-count" />
        <p className={comment.length > MAX_COMMENT ? 'field-error' : 'hint'} id="rate-comment-count">
          {t('rating.commentCount', { count: comment.length, max: MAX_COMMENT })}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t('rating.sending') : t('rating.send')}
        </button>
      </div>
    </form>
  );
}
