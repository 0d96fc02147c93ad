/**
 * Which rows of a long list to put in the DOM: those in the viewport plus `overscan` on each side. Rows have one
 * fixed height, so this is arithmetic on the scroll position, and 10,000 entries cost a few dozen elements.
 */
export interface RowWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Space above the first rendered row, in pixels. */
  offset: number;
  /** Height of all rows, in pixels. */
  total: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, rows: number, overscan = 8): RowWindow {
  const total = rows * rowHeight;
  if (rows === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(rows - 1, first) - overscan);
  const end = Math.min(rows, first + visible + overscan);
  return { start, end, offset: start * rowHeight, total };
}

/** The scrollTop that brings `row` fully into view, or null when it is visible already. */
export function scrollToRow(row: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = row * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}
