import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorState, TextArea } from '../../ui/index.tsx';

interface DecisionProps {
  /** id of the item's heading: every button says which item it acts on (aria-describedby). */
  headingId: string;
  approveLabel: string;
  rejectLabel: string;
  confirmRejectLabel: string;
  reasonLabel: string;
  reasonHint: string;
  reasonMissing: string;
  /** Controls that go with approving (a role to grant), shown next to the button. */
  approveExtra?: ReactNode;
  onApprove(): Promise<unknown>;
  onReject(reason: string): Promise<unknown>;
}

/**
 * Approve, or reject with a reason: the reason is asked for in a labelled field that opens under the
 * buttons, and its error (written here or the API's) is tied to it.
 */
export function Decision(p: DecisionProps) {
  const { t, l } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonErrors, setReasonErrors] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();

  async function run(kind: 'approve' | 'reject', action: () => Promise<unknown>) {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? e.forField('reason').map((x) => l(x.messages)) : [];
      if (fieldErrors.length) {
        setReasonErrors(fieldErrors);
        formRef.current?.querySelector('textarea')?.focus();
      } else setError(e);
      setBusy(null);
    }
  }

  function submitReject(e: FormEvent) {
    e.preventDefault();
    const text = reason.trim();
    if (!text) {
      setReasonErrors([p.reasonMissing]);
      formRef.current?.querySelector('textarea')?.focus();
      return;
    }
    setReasonErrors([]);
    void run('reject', () => p.onReject(text));
  }

  return (
    <div className="staff-decision">
      {error ? <ErrorState error={error} /> : null}
      <div className="actions">
        {p.approveExtra}
        <button type="button" className="btn primary" aria-describedby={p.headingId} disabled={busy !== null} onClick={() => void run('approve', p.onApprove)}>
          {busy === 'approve' ? t('staff.decision.working') : p.approveLabel}
        </button>
        <button type="button" className="btn secondary" aria-describedby={p.headingId} aria-expanded={rejecting} aria-controls={formId} disabled={busy !== null} onClick={() => setRejecting((r) => !r)}>
          {p.rejectLabel}
        </button>
      </div>
      <form id={formId} ref={formRef} className="staff-reject" hidden={!rejecting} onSubmit={submitReject} noValidate>
        {rejecting ? (
          <>
            <TextArea
              label={p.reasonLabel}
              hint={p.reasonHint}
              required
              errors={reasonErrors}
              value={reason}
              maxLength={1000}
              rows={3}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="actions">
              <button type="submit" className="btn danger" aria-describedby={p.headingId} disabled={busy !== null}>
                {busy === 'reject' ? t('staff.decision.working') : p.confirmRejectLabel}
              </button>
              <button
                type="button"
                className="btn text"
                onClick={() => {
                  setRejecting(false);
                  setReasonErrors([]);
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          </>
        ) : null}
      </form>
    </div>
  );
}
