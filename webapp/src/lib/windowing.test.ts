import { describe, expect, test } from 'vitest';
import { rowWindow, scrollToRow } from './windowing';

describe('rowWindow', () => {
  test('renders the visible rows and the overscan around them', () => {
    expect(rowWindow(4000, 400, 40, 10_000, 5)).toEqual({ start: 95, end: 116, offset: 3800, total: 400_000 });
  });

  test('is clamped at both ends', () => {
    expect(rowWindow(0, 400, 40, 10_000, 5)).toMatchObject({ start: 0, end: 16 });
    expect(rowWindow(1e9, 400, 40, 100, 5)).toMatchObject({ start: 94, end: 100 });
    expect(rowWindow(0, 400, 40, 3)).toMatchObject({ start: 0, end: 3 });
    expect(rowWindow(0, 400, 40, 0)).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
  });
});

test('scrollToRow scrolls only when the row is out of view', () => {
  expect(scrollToRow(5, 0, 400, 40)).toBeNull();
  expect(scrollToRow(20, 0, 400, 40)).toBe(440);
  expect(scrollToRow(2, 400, 400, 40)).toBe(80);
});
