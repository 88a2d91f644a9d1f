import { type RefObject, useEffect, useRef } from 'react';

/**
 * Focus follows an inline form: into its first field when it opens (the button that opened it is gone)
 * and back to `back` when it closes, saved or cancelled — never left on the page's start. Only on a
 * change of `open`: a form open from the first render keeps the focus where it is.
 */
export function useFocusFollows(open: boolean, form: RefObject<HTMLElement | null>, back: RefObject<HTMLElement | null>): void {
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) form.current?.querySelector<HTMLElement>('textarea, input, select, button')?.focus();
    else if (!open && wasOpen.current) back.current?.focus({ preventScroll: true });
    wasOpen.current = open;
  }, [open, form, back]);
}
