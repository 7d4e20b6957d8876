import stringWidth from 'string-width';

/** Columns `text` takes on a terminal: East Asian Wide and Fullwidth characters take two (UAX #11). */
export const displayWidth = (text: string): number => stringWidth(text);

/** `text` padded with spaces to `width` terminal columns, so columns line up under 身分證號 as under "account". */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Label–value lines with the values in one column: each label padded to the widest, plus `gap` spaces. */
export function alignLabels(rows: readonly (readonly [label: string, value: string])[], indent = '', gap = 2): string[] {
  const width = Math.max(...rows.map(([label]) => displayWidth(label)));
  return rows.map(([label, value]) => `${indent}${padDisplay(label, width)}${' '.repeat(gap)}${value}`);
}
