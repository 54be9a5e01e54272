import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Field } from '../../ui/index.tsx';

/**
 * The name search (or, with `labels`, another Korean-aware search): one labelled box with the hint on partial words and 초성, and its button.
 * Uncontrolled: give it a `key` of the current query so that going back in history refills it.
 */
export function SearchBox({
  initial = '',
  onSearch,
  big,
  labels,
}: {
  initial?: string;
  onSearch: (q: string) => void;
  big?: boolean;
  /** what the box searches, when it is not organisation names (e.g. shared resources) */
  labels?: { region: string; label: string; hint: string };
}) {
  const { t } = useI18n();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSearch(String(new FormData(e.currentTarget).get('q') ?? '').trim());
  };
  return (
    <form role="search" aria-label={labels?.region ?? t('public.search.region')} className={big ? 'pub-search pub-search-big' : 'pub-search'} onSubmit={submit}>
      <Field label={labels?.label ?? t('public.search.label')} hint={labels?.hint ?? t('public.search.hint')}>
        {({ id, describedBy }) => (
          <div className="pub-search-row">
            <input id={id} name="q" type="search" className="input" defaultValue={initial} maxLength={100} autoComplete="off" aria-describedby={describedBy} />
            <button type="submit" className="btn primary">
              {t('common.search')}
            </button>
          </div>
        )}
      </Field>
    </form>
  );
}
