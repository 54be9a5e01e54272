import type { Taxonomy } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { fieldLabel, formatValue, orderFields } from './profile.ts';

/** Before → after of the changed fields only, one row a field (preview and proposal details). */
export function ChangesTable({
  caption,
  fields,
  before,
  after,
  taxonomy,
  beforeLabel,
  afterLabel,
}: {
  caption: string;
  fields: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  taxonomy: Taxonomy | undefined;
  beforeLabel?: string;
  afterLabel?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="table-wrap changes">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('member.changes.field')}</th>
            <th scope="col">{beforeLabel ?? t('member.changes.before')}</th>
            <th scope="col">{afterLabel ?? t('member.changes.after')}</th>
          </tr>
        </thead>
        <tbody>
          {orderFields(fields).map((f) => (
            <tr key={f}>
              <th scope="row">{fieldLabel(t, f)}</th>
              <td className="before">{formatValue(f, before[f], i18n, taxonomy)}</td>
              <td className="after">
                <span aria-hidden="true" className="arrow">
                  →{' '}
                </span>
                {formatValue(f, after[f], i18n, taxonomy)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
