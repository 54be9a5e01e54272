import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, type District, type OrganizationPage, type Term } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { organizationQuery } from '../queries.ts';
import { Field } from './index.tsx';

/** What the picker knows of an organisation: enough to name it and tell two of the same name apart. */
export interface OrganizationChoice {
  id: string;
  name: string;
  type: Term | null;
  district: District | null;
}

/** The picker's words, given by the page that uses it (each area keeps its own catalogue). */
export interface OrganizationPickerText {
  /** the search box's label */
  label: string;
  hint?: string;
  /** the label of the linked organisation, shown instead of the search box once one is chosen */
  linkedLabel: string;
  unlink: string;
  /** "8 found, choose with the up and down arrows" */
  found: (count: number) => string;
  none: (q: string) => string;
  searching: string;
  /** an organisation kept by id that the directory cannot show (deleted, or not reachable) */
  unknown: (id: string) => string;
  linked: (name: string) => string;
  unlinked: string;
  /** the search failed without a message of the API */
  failed: string;
}

export const SEARCH_DELAY_MS = 250;
const PAGE_SIZE = 8;

// The linked organisation is read under the key every page shares (queries.ts); searches are the picker's own.
const keys = {
  search: (q: string) => ['directory', 'organization-picker', 'search', q] as const,
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

const choice = (o: OrganizationChoice): OrganizationChoice => ({ id: o.id, name: o.name, type: o.type, district: o.district });

const styles: Record<'box' | 'label' | 'list' | 'option' | 'active' | 'meta' | 'linked', CSSProperties> = {
  box: { position: 'relative' },
  label: { fontWeight: 700, margin: '0 0 var(--space-1)' },
  list: {
    listStyle: 'none',
    margin: 'var(--space-1) 0 0',
    padding: 'var(--space-1) 0',
    border: '1px solid var(--c-border)',
    borderRadius: 'var(--radius)',
    background: 'var(--c-surface)',
    maxHeight: '32rem',
    overflowY: 'auto',
  },
  option: { padding: 'var(--space-2) var(--space-3)', cursor: 'pointer', borderLeft: '0.4rem solid transparent' },
  active: { background: 'var(--c-primary-soft)', borderLeftColor: 'var(--c-primary-strong)' },
  meta: { display: 'block', fontSize: '1.5rem', color: 'var(--c-text-subtle)' },
  linked: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 'var(--space-2) var(--space-3)', padding: 'var(--space-2) var(--space-3)', border: '1px solid var(--c-border-light)', borderRadius: 'var(--radius)' },
};

/**
 * Links something to an organisation of the directory (WAI-ARIA APG combobox with a list popup):
 * typing part of a name (Korean-aware, 초성 too) lists up to eight matches; arrow keys move through
 * them, Enter chooses, Escape closes the list (or clears the text); the count is announced.
 * Once chosen it shows the organisation with its type and district and an unlink button.
 */
export function OrganizationPicker({
  value,
  onChange,
  text,
  errors = [],
}: {
  /** the linked organisation's id, or '' */
  value: string;
  onChange: (org: OrganizationChoice | null) => void;
  text: OrganizationPickerText;
  errors?: string[];
}) {
  const { l } = useI18n();
  const uid = useId();
  const listId = `${uid}-list`;
  const optionId = (i: number) => `${uid}-opt-${i}`;
  const input = useRef<HTMLInputElement>(null);
  const linkedBox = useRef<HTMLDivElement>(null);
  const moveFocus = useRef<'input' | 'linked' | null>(null);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The one just chosen from the list, shown at once while the full organisation is read.
  const [chosen, setChosen] = useState<OrganizationChoice | null>(null);

  // A word about the last choice ("linked …", "unlinked"), until the next keystroke.
  const [note, setNote] = useState('');
  const term = useDebounced(q.trim(), SEARCH_DELAY_MS);

  const search = useQuery({
    queryKey: keys.search(term),
    queryFn: ({ signal }) => api<OrganizationPage>(`/api/v1/organizations?q=${encodeURIComponent(term)}&pageSize=${PAGE_SIZE}`, { signal }),
    enabled: !value && term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const linked = useQuery({
    ...organizationQuery(value),
    select: choice,
    enabled: !!value,
    staleTime: 5 * 60_000,
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });

  // Results belong to what is typed now: stale ones (still shown while the next arrive) are not offered.
  const typed = q.trim();
  const current = typed.length > 0 && typed === term && !search.isPlaceholderData && !search.isFetching;
  const items = current && search.isSuccess ? search.data.items : [];
  const expanded = !value && open && items.length > 0;
  const noMatch = !value && open && current && search.isSuccess && !items.length;
  const failed = !value && open && typed === term && search.isError;

  // What a screen reader hears: the count once a search settles, or the last choice.
  const announce = value
    ? note
    : !open || !typed
      ? note
      : !current
        ? text.searching
        : expanded
          ? text.found(items.length)
          : noMatch
            ? text.none(typed)
            : '';

  // Focus follows the change of state: to the chosen organisation, or back to the search box.
  useEffect(() => {
    if (moveFocus.current === 'linked') linkedBox.current?.focus();
    if (moveFocus.current === 'input') input.current?.focus();
    moveFocus.current = null;
  }, [value]);

  // The active option stays in sight when the list scrolls (aria-activedescendant moves no focus).
  useEffect(() => {
    if (expanded && active >= 0) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId derives from a stable id
  }, [expanded, active]);

  function choose(org: OrganizationChoice) {
    setChosen(choice(org));
    moveFocus.current = 'linked';
    setOpen(false);
    setActive(-1);
    setQ('');
    setNote(text.linked(org.name));
    onChange(choice(org));
  }

  function unlink() {
    moveFocus.current = 'input';
    setNote(text.unlinked);
    onChange(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const n = items.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setOpen(true);
        if (!n) return;
        // Alt+Down only opens the list; Down opens it on the first option, then moves on (round).
        if (e.altKey) setActive(-1);
        else setActive((a) => (expanded ? (a + 1) % n : 0));
        return;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        if (!n) return;
        setActive((a) => (!expanded || a <= 0 ? n - 1 : a - 1));
        return;
      case 'Enter':
        // Enter chooses; it never submits the surrounding form from the search box.
        e.preventDefault();
        if (expanded && active >= 0 && items[active]) choose(items[active]);
        return;
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (q) {
          e.preventDefault();
          setQ('');
        }
        return;
      default:
    }
  }

  const meta = (o: OrganizationChoice) => [l(o.type?.label), l(o.district?.name)].filter(Boolean).join(' · ');
  const errorId = `${uid}-error`;
  const errorText = errors.length ? (
    <p className="field-error" id={errorId}>
      {errors.join(' ')}
    </p>
  ) : null;

  let body;
  if (value) {
    const org = linked.data ?? (chosen?.id === value && !linked.isError ? chosen : undefined);
    const labelId = `${uid}-linked`;
    body = (
      <div className={`field${errors.length ? ' has-error' : ''}`}>
        <p id={labelId} className="org-picker-label" style={styles.label}>
          {text.linkedLabel}
        </p>
        <div ref={linkedBox} tabIndex={-1} role="group" aria-labelledby={labelId} aria-describedby={errors.length ? errorId : undefined} style={styles.linked} className="org-picker-linked">
          {org ? (
            <span>
              <Link to={`/organizations/${org.id}`}>{org.name}</Link>
              {meta(org) ? <span style={styles.meta}>{meta(org)}</span> : null}
            </span>
          ) : linked.isError ? (
            <span>{text.unknown(value)}</span>
          ) : (
            <span>{text.searching}</span>
          )}
          <button type="button" className="btn secondary small" onClick={unlink} aria-label={org ? `${text.unlink}: ${org.name}` : undefined}>
            {text.unlink}
          </button>
        </div>
        {errorText}
      </div>
    );
  } else {
    body = (
      <Field label={text.label} hint={text.hint} errors={errors}>
        {({ id, describedBy, invalid }) => (
          <div style={styles.box} className="org-picker">
            <input
              ref={input}
              id={id}
              className="input"
              type="text"
              role="combobox"
              autoComplete="off"
              spellCheck={false}
              aria-autocomplete="list"
              aria-expanded={expanded}
              aria-controls={listId}
              aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                setOpen(true);
                setActive(-1);
                setNote('');
              }}
              onKeyDown={onKeyDown}
              onFocus={() => setOpen(true)}
              onBlur={() => {
                setOpen(false);
                setActive(-1);
              }}
            />
            <ul id={listId} role="listbox" aria-label={text.label} hidden={!expanded} style={styles.list}>
              {items.map((o, i) => (
                <li
                  key={o.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  style={i === active ? { ...styles.option, ...styles.active } : styles.option}
                  // keep the focus in the box: the click chooses, a blur would close the list first
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(o)}
                  onMouseMove={() => setActive(i)}
                >
                  {o.name}
                  {meta(o) ? <span style={styles.meta}>{meta(o)}</span> : null}
                </li>
              ))}
            </ul>
            {noMatch ? <p className="hint">{text.none(typed)}</p> : null}
            {failed ? <p className="field-error">{search.error instanceof ApiError ? l(search.error.messages) : text.failed}</p> : null}
          </div>
        )}
      </Field>
    );
  }

  return (
    <>
      {body}
      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announce}
      </p>
    </>
  );
}
