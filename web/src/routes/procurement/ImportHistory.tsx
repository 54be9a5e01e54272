import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Alert, Empty, ErrorState, Loading } from '../../ui/index.tsx';
import { useImports, useRematch, useUndoImport, type ImportResult } from './data.ts';
import { Section, TableWrap, useMoney } from './parts.tsx';

/**
 * 가져오기 기록: every import, newest first, with undo (after a confirmation: its records go and
 * the dashboards are recomputed), and 재매칭 — records whose supplier matched no organisation are
 * matched again against the directory (after organisations were added).
 */
export function ImportHistory() {
  const { t, d, n } = useI18n();
  const m = useMoney();
  const imports = useImports();
  const undo = useUndoImport();
  const [confirming, setConfirming] = useState<ImportResult | null>(null);
  const [undone, setUndone] = useState<ImportResult | null>(null);
  return (
    <>
      <Section id="import-history" title={t('procurement.history.title')}>
        <p className="procurement-muted">{t('procurement.history.lead')}</p>
        {undone ? (
          <Alert kind="success" live>
            <p>{t('procurement.history.undone', { file: undone.fileName, rows: n(undone.rows) })}</p>
          </Alert>
        ) : null}
        {undo.error ? <ErrorState error={undo.error} /> : null}
        {imports.isLoading ? <Loading /> : null}
        {imports.error ? <ErrorState error={imports.error} retry={() => void imports.refetch()} /> : null}
        {imports.data && !imports.data.length ? <Empty>{t('procurement.history.none')}</Empty> : null}
        {imports.data?.length ? (
          <TableWrap label={t('procurement.history.title')}>
            <table className="procurement-table procurement-history">
              <caption>{t('procurement.history.caption', { count: imports.data.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('procurement.history.when')}</th>
                  <th scope="col">{t('procurement.history.file')}</th>
                  <th scope="col" className="num">
                    {t('procurement.import.sumRows')}
                  </th>
                  <th scope="col" className="num">
                    {t('procurement.import.sumAmount')}
                  </th>
                  <th scope="col">{t('procurement.import.sumYears')}</th>
                  <th scope="col" className="num">
                    {t('procurement.import.sumMatched')}
                  </th>
                  <th scope="col">{t('procurement.history.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('procurement.history.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.data.map((x) => (
                  <tr key={x.id ?? x.fileName} data-status={x.status}>
                    <td>{x.createdAt ? d(x.createdAt, true) : m.none}</td>
                    <th scope="row">{x.fileName}</th>
                    <td className="num">{n(x.rows)}</td>
                    <td className="num">{m.won(x.amount)}</td>
                    <td>{x.years.join(', ')}</td>
                    <td className="num">{n(x.matchedRows)}</td>
                    <td>{x.status === 'undone' ? <span className="badge">{t('procurement.history.statusUndone', { when: x.undoneAt ? d(x.undoneAt, true) : '' })}</span> : t('procurement.history.statusCommitted')}</td>
                    <td>
                      {x.status === 'committed' && x.id ? (
                        <button type="button" className="btn secondary small" onClick={() => setConfirming(x)} disabled={undo.isPending}>
                          {t('procurement.history.undo')}
                          <span className="visually-hidden"> ({x.fileName})</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </Section>
      <ConfirmUndo
        target={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={(x) => {
          setConfirming(null);
          setUndone(null);
          undo.mutate(x.id!, { onSuccess: () => setUndone(x) });
        }}
      />
      <Rematch />
    </>
  );
}

/** A modal dialog (the browser's own: focus stays inside, Esc closes) asking before an undo. */
function ConfirmUndo({ target, onCancel, onConfirm }: { target: ImportResult | null; onCancel: () => void; onConfirm: (x: ImportResult) => void }) {
  const { t, n } = useI18n();
  const m = useMoney();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (target && !el.open) el.showModal();
    if (!target && el.open) el.close();
  }, [target]);
  return (
    <dialog ref={dialog} className="procurement-dialog" aria-labelledby="undo-title" onCancel={onCancel} onClose={() => target && onCancel()}>
      {target ? (
        <>
          <h2 id="undo-title">{t('procurement.history.confirmTitle')}</h2>
          <p>{t('procurement.history.confirmText', { file: target.fileName, rows: n(target.rows), amount: m.won(target.amount), years: target.years.join(', ') })}</p>
          <div className="actions">
            <button type="button" className="btn danger" onClick={() => onConfirm(target)}>
              {t('procurement.history.confirmUndo')}
            </button>
            <button type="button" className="btn secondary" onClick={onCancel} autoFocus>
              {t('procurement.history.keep')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

function Rematch() {
  const { t, n } = useI18n();
  const rematch = useRematch();
  return (
    <Section id="rematch" title={t('procurement.rematch.title')}>
      <p className="procurement-muted">{t('procurement.rematch.lead')}</p>
      <div className="actions">
        <button type="button" className="btn secondary" onClick={() => rematch.mutate()} disabled={rematch.isPending}>
          {rematch.isPending ? t('procurement.rematch.running') : t('procurement.rematch.button')}
        </button>
      </div>
      <div aria-live="polite">
        {rematch.data ? (
          <Alert kind="success">
            <p>{t('procurement.rematch.done', { matched: n(rematch.data.matchedRows), suppliers: n(rematch.data.suppliers), years: rematch.data.years.join(', ') || '—' })}</p>
          </Alert>
        ) : null}
      </div>
      {rematch.error ? <ErrorState error={rematch.error} /> : null}
    </Section>
  );
}
