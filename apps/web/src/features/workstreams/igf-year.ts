/** A year an IGF cycle, report or meeting can have: the first IGF met in 2006. From a form's text field. */
export function igfYear(text: string): number | null {
  const value = Number(text);
  return Number.isInteger(value) && value >= 2006 && value <= 2100 ? value : null;
}
