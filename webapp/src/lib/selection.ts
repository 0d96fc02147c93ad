/**
 * Multi-select over an ordered list of keys, as file managers do it: a click selects one, Ctrl/Cmd-click toggles
 * one, Shift-click selects the range from the anchor (the last item clicked without Shift).
 */
export interface Selection {
  keys: ReadonlySet<string>;
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { keys: new Set(), anchor: null };

export type SelectMode = 'only' | 'toggle' | 'range';

export function select(selection: Selection, order: readonly string[], key: string, mode: SelectMode): Selection {
  if (mode === 'toggle') {
    const keys = new Set(selection.keys);
    if (!keys.delete(key)) keys.add(key);
    return { keys, anchor: key };
  }
  if (mode === 'range' && selection.anchor !== null) {
    const from = order.indexOf(selection.anchor);
    const to = order.indexOf(key);
    if (from >= 0 && to >= 0) {
      const [start, end] = from <= to ? [from, to] : [to, from];
      return { keys: new Set(order.slice(start, end + 1)), anchor: selection.anchor };
    }
  }
  return { keys: new Set([key]), anchor: key };
}

/** Keeps only keys that are still listed (after a reload or a delete). */
export function retain(selection: Selection, order: readonly string[]): Selection {
  const listed = new Set(order);
  const keys = new Set([...selection.keys].filter((key) => listed.has(key)));
  return { keys, anchor: selection.anchor !== null && listed.has(selection.anchor) ? selection.anchor : null };
}

/** The index the keyboard focus moves to: `step` rows or cells on, kept within the list. */
export function moveFocus(index: number, step: number, count: number): number {
  if (count === 0) return -1;
  return Math.max(0, Math.min(count - 1, (index < 0 ? 0 : index + step)));
}
