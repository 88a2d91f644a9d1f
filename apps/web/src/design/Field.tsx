import { cloneElement, type ReactElement, type ReactNode, useId } from 'react';
import styles from './design.module.css';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  /** The control: an input, textarea or select; it receives id, aria-describedby and aria-invalid. */
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; className?: string }>;
  /** Give the control this id (so an error summary can link to it). */
  id?: string;
}

/** Label, hint and error above a control, GOV.UK style: the error names what to do, beside the field. */
export function Field({ label, hint, error, children, id: given }: FieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={[styles.field, error ? styles.fieldError : ''].join(' ')}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {hint ? (
        <div id={hintId} className={styles.hint}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className={styles.errorMessage}>
          {error}
        </p>
      ) : null}
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

interface ChoiceGroupProps {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  id: string;
  children: ReactNode;
}

/** A fieldset of radios or checkboxes with its legend, hint and error. `id` goes to the first control's wrapper for error links. */
export function ChoiceGroup({ legend, hint, error, id, children }: ChoiceGroupProps) {
  return (
    <fieldset className={[styles.field, styles.fieldset, error ? styles.fieldError : ''].join(' ')} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}>
      <legend className={styles.label}>{legend}</legend>
      {hint ? (
        <div id={`${id}-hint`} className={styles.hint}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className={styles.errorMessage}>
          {error}
        </p>
      ) : null}
      <div id={id} tabIndex={-1} className={styles.choices}>
        {children}
      </div>
    </fieldset>
  );
}
