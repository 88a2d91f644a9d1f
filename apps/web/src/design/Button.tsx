import type { ComponentProps } from 'react';
import styles from './design.module.css';

type Variant = 'primary' | 'secondary' | 'warning' | 'quiet';

/** A native button in one of the design system's variants (natively focusable, Enter and Space work). */
export function Button({ variant = 'primary', className, type = 'button', ...props }: ComponentProps<'button'> & { variant?: Variant }) {
  return <button type={type} className={[styles.button, styles[variant], className].filter(Boolean).join(' ')} {...props} />;
}
