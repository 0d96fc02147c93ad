import { describe, expect, test } from 'vitest';
import { EMPTY_SELECTION, moveFocus, retain, select } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const keys = (s: { keys: ReadonlySet<string> }) => [...s.keys].sort();

describe('select', () => {
  test('a plain click selects only that item', () => {
    const s = select({ keys: new Set(['a', 'b']), anchor: 'a' }, order, 'c', 'only');
    expect(keys(s)).toEqual(['c']);
    expect(s.anchor).toBe('c');
  });

  test('toggle adds and removes one', () => {
    const once = select(EMPTY_SELECTION, order, 'b', 'toggle');
    const twice = select(select(once, order, 'd', 'toggle'), order, 'b', 'toggle');
    expect(keys(twice)).toEqual(['d']);
  });

  test('a range runs from the anchor in either direction and keeps the anchor', () => {
    const anchored = select(EMPTY_SELECTION, order, 'd', 'only');
    expect(keys(select(anchored, order, 'b', 'range'))).toEqual(['b', 'c', 'd']);
    const again = select(select(anchored, order, 'b', 'range'), order, 'e', 'range');
    expect(keys(again)).toEqual(['d', 'e']);
  });

  test('a range without an anchor selects the one item', () => {
    expect(keys(select(EMPTY_SELECTION, order, 'c', 'range'))).toEqual(['c']);
  });
});

test('retain drops keys that are gone', () => {
  const s = retain({ keys: new Set(['a', 'x']), anchor: 'x' }, order);
  expect(keys(s)).toEqual(['a']);
  expect(s.anchor).toBeNull();
});

test('moveFocus stays within the list and starts at the top', () => {
  expect(moveFocus(-1, 1, 5)).toBe(0);
  expect(moveFocus(4, 1, 5)).toBe(4);
  expect(moveFocus(1, -4, 5)).toBe(0);
  expect(moveFocus(0, 3, 5)).toBe(3);
  expect(moveFocus(0, 1, 0)).toBe(-1);
});
