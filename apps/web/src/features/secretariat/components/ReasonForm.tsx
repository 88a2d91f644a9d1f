import { type FormEvent, useState } from 'react';
import { Button } from '../../../design/Button';
import { Field } from '../../../design/Field';
import { useT } from '../../../i18n/t';
import styles from '../Secretariat.module.css';

interface ReasonFormProps {
  /** What the reason is for, e.g. "Why decline Dynamic Coalition on X" (the field's label). */
  label: string;
  hint: string;
  confirm: string;
  /** Required reasons refuse an empty field, naming it. */
  required?: boolean;
  onConfirm: (reason: string) => Promise<boolean>;
  onCancel: () => void;
}

/** A reason written before a decision that keeps it (declining, concluding, disabling): confirm or cancel. */
export function ReasonForm({ label, hint, confirm, required = false, onConfirm, onCancel }: ReasonFormProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (required && !reason.trim()) return setError(t('secretariat.reason.required'));
    setBusy(true);
    const ok = await onConfirm(reason.trim());
    setBusy(false);
    if (ok) setReason('');
  };
  return (
    <form className={styles.reasonForm} onSubmit={(e) => void submit(e)} noValidate>
      <Field label={label} hint={hint} error={error}>
        <textarea rows={2} value={reason} maxLength={1000} autoFocus onChange={(e) => setReason(e.target.value)} dir="auto" />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" variant="warning" disabled={busy}>
          {confirm}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('secretariat.reason.cancel')}
        </Button>
      </div>
    </form>
  );
}
