import { useId } from 'react';
import { useI18n } from '../../i18n/index.tsx';

/** A fieldset of filter boxes with the number each would find: the directory's and the resource search's. */
export function CheckGroup({
  legend,
  options,
  counts,
  selected,
  onToggle,
  columns,
  countText,
}: {
  legend: string;
  options: { value: string; label: string }[];
  counts?: Map<string, number>;
  selected: string[];
  onToggle: (value: string, checked: boolean) => void;
  columns?: boolean;
  /** how a count reads beside its label (default: the directory's "{count}곳") */
  countText?: (count: number) => string;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className="pub-checks">
      <legend>{legend}</legend>
      <ul className={columns ? 'pub-check-list pub-columns' : 'pub-check-list'}>
        {options.map((o) => {
          const inputId = `${id}-${o.value}`;
          return (
            <li key={o.value}>
              <input type="checkbox" id={inputId} checked={selected.includes(o.value)} onChange={(e) => onToggle(o.value, e.target.checked)} />
              <label htmlFor={inputId}>
                {o.label}
                {counts ? <span className="pub-count"> {(countText ?? ((count: number) => t('public.count', { count })))(counts.get(o.value) ?? 0)}</span> : null}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
