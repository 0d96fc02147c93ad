import { describe, expect, test } from 'vitest';
import { isChunked, missingChunks, planChunks, resumeKey } from './chunks';

describe('planChunks', () => {
  test('cuts a file into numbered parts, the last one shorter', () => {
    expect(planChunks(25, 10)).toEqual([
      { name: '1', start: 0, end: 10 },
      { name: '2', start: 10, end: 20 },
      { name: '3', start: 20, end: 25 },
    ]);
  });

  test('an exact multiple has no empty last part; an empty file has no parts', () => {
    expect(planChunks(20, 10).map((c) => c.end)).toEqual([10, 20]);
    expect(planChunks(0, 10)).toEqual([]);
  });

  test('refuses a chunk size that would never end', () => {
    expect(() => planChunks(5, 0)).toThrow(RangeError);
  });
});

describe('missingChunks', () => {
  test('keeps the parts the server lacks or holds cut short', () => {
    const plan = planChunks(30, 10);
    expect(missingChunks(plan, [{ name: '1', size: 10 }, { name: '3', size: 4 }]).map((c) => c.name)).toEqual(['2', '3']);
    expect(missingChunks(plan, plan.map((c) => ({ name: c.name, size: 10 })))).toEqual([]);
  });
});

test('only files above 10 MB are chunked', () => {
  expect(isChunked(10 * 1024 * 1024)).toBe(false);
  expect(isChunked(10 * 1024 * 1024 + 1)).toBe(true);
});

test('resumeKey tells files apart by destination, size and modification time', () => {
  const keys = new Set([resumeKey('/a', 1, 2), resumeKey('/a', 1, 3), resumeKey('/a', 2, 2), resumeKey('/b', 1, 2)]);
  expect(keys.size).toBe(4);
});
