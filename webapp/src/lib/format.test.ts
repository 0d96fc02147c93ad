import { describe, expect, it, test } from 'vitest';
import {
  compareEntries,
  formatDate,
  formatQuota,
  formatRelative,
  formatSize,
  instantSeconds,
  isoDate,
  parseQuota,
  sortEntries,
  sortEntriesBy,
} from './format';

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [1024 * 1024, '1 MB'],
    [5.25 * 1024 * 1024, '5.3 MB'],
    [123.4 * 1024 * 1024, '123 MB'],
    [3 * 1024 ** 3, '3 GB'],
    [2 * 1024 ** 4, '2 TB'],
    [4096 * 1024 ** 5, '4096 PB'],
  ])('%d bytes -> %s', (bytes, expected) => {
    expect(formatSize(bytes)).toBe(expected);
  });

  it('returns empty text for invalid sizes', () => {
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });
});

describe('formatDate / isoDate', () => {
  it('reads mtime as epoch seconds', () => {
    expect(isoDate(1700000000)).toBe('2023-11-14T22:13:20.000Z');
    const utc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    expect(formatDate(1700000000, utc)).toBe('14 Nov 2023, 22:13');
  });

  it('returns empty text for a missing mtime', () => {
    expect(isoDate(Number.NaN)).toBe('');
    expect(formatDate(Number.NaN)).toBe('');
  });
});

describe('instantSeconds', () => {
  it('reads the server ISO 8601 instants as epoch seconds', () => {
    expect(instantSeconds('2023-11-14T22:13:20Z')).toBe(1700000000);
    expect(instantSeconds('2023-11-14T22:13:20.500Z')).toBe(1700000000.5);
    expect(instantSeconds('not a date')).toBeNaN();
  });
});

describe('formatRelative', () => {
  const now = 1700000000;
  const english = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const ago = (seconds: number) => formatRelative(now - seconds, now, english);

  it.each([
    [0, 'now'],
    [45, '45 seconds ago'],
    [59.6, '1 minute ago'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [24 * 3600, 'yesterday'],
    [3 * 86400, '3 days ago'],
    [7 * 86400, 'last week'],
    [15 * 86400, '2 weeks ago'],
    [40 * 86400, 'last month'],
    [200 * 86400, '7 months ago'],
    [400 * 86400, 'last year'],
    [5 * 365.25 * 86400, '5 years ago'],
  ])('%d seconds ago -> %s', (seconds, expected) => {
    expect(ago(seconds)).toBe(expected);
  });

  it('also reads times ahead of now (a phone whose clock runs fast)', () => {
    expect(formatRelative(now + 2 * 3600, now, english)).toBe('in 2 hours');
  });

  it('returns empty text for a missing time', () => {
    expect(formatRelative(Number.NaN, now, english)).toBe('');
    expect(formatRelative(now, Number.NaN, english)).toBe('');
  });
});

describe('sortEntries', () => {
  const entry = (name: string, directory = false) => ({ name, directory });

  it('puts folders first, then sorts by name naturally and case-insensitively', () => {
    const sorted = sortEntries([
      entry('b.txt'),
      entry('Zeta', true),
      entry('file10.txt'),
      entry('alpha', true),
      entry('A.txt'),
      entry('file2.txt'),
    ]);
    expect(sorted.map((e) => e.name)).toEqual(['alpha', 'Zeta', 'A.txt', 'b.txt', 'file2.txt', 'file10.txt']);
  });

  it('orders names differing only in case deterministically and leaves the input alone', () => {
    const input = [entry('readme'), entry('README')];
    expect(sortEntries(input).map((e) => e.name)).toEqual(['README', 'readme']);
    expect(input.map((e) => e.name)).toEqual(['readme', 'README']);
    expect(compareEntries(entry('x'), entry('x'))).toBe(0);
  });
});

describe('parseQuota and formatQuota', () => {
  it('reads sizes with units, plain bytes and unlimited', () => {
    expect(parseQuota('10 GB')).toBe(10 * 1024 ** 3);
    expect(parseQuota('1.5tb')).toBe(1.5 * 1024 ** 4);
    expect(parseQuota('500MB')).toBe(500 * 1024 ** 2);
    expect(parseQuota('2048')).toBe(2048);
    expect(parseQuota('')).toBe(-1);
    expect(parseQuota(' Unlimited ')).toBe(-1);
  });

  it('refuses what it cannot read', () => {
    expect(parseQuota('ten gigs')).toBeNull();
    expect(parseQuota('-5 GB')).toBeNull();
    expect(parseQuota('5 XB')).toBeNull();
  });

  it('shows unlimited and sizes', () => {
    expect(formatQuota(-1)).toBe('unlimited');
    expect(formatQuota(10 * 1024 ** 3)).toBe('10 GB');
  });
});

describe('sortEntriesBy', () => {
  const entries = [
    { name: 'b.txt', directory: false, size: 10, mtime: 300 },
    { name: 'Z', directory: true, size: 0, mtime: 100 },
    { name: 'a.txt', directory: false, size: 30, mtime: 200 },
    { name: 'c.txt', directory: false, size: 10, mtime: 100 },
    { name: 'A', directory: true, size: 0, mtime: 200 },
  ];
  const names = (list: { name: string }[]) => list.map((e) => e.name);

  test('by size, folders first, equal sizes by name', () => {
    expect(names(sortEntriesBy(entries, 'size'))).toEqual(['A', 'Z', 'b.txt', 'c.txt', 'a.txt']);
  });

  test('descending reverses within folders and within files, never the two groups', () => {
    expect(names(sortEntriesBy(entries, 'mtime', true))).toEqual(['A', 'Z', 'b.txt', 'a.txt', 'c.txt']);
    expect(names(sortEntriesBy(entries, 'name', true))).toEqual(['Z', 'A', 'c.txt', 'b.txt', 'a.txt']);
  });
});
