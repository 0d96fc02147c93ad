import type { FileEntry } from '../api';

const UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Human-readable size with 1024-based units, as most file managers show:
 * 512 -> "512 B", 1536 -> "1.5 KB", 10 * 1024 * 1024 -> "10 MB".
 * One decimal below 10 of a unit, none above.
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < UNITS.length - 1);
  let rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.9 KB would round to "1024 KB"; show "1 MB" instead.
  if (rounded >= 1024 && unit < UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${rounded} ${UNITS[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Formats a server mtime (epoch seconds) in the browser's locale and time zone. */
export function formatDate(mtimeSeconds: number, format: Intl.DateTimeFormat = dateFormat): string {
  if (!Number.isFinite(mtimeSeconds)) return '';
  return format.format(new Date(mtimeSeconds * 1000));
}

/** ISO 8601 form of an mtime (epoch seconds), for <time datetime>. */
export function isoDate(mtimeSeconds: number): string {
  return Number.isFinite(mtimeSeconds) ? new Date(mtimeSeconds * 1000).toISOString() : '';
}

/** Epoch seconds of an ISO 8601 instant from the server, NaN if it is not one. */
export function instantSeconds(instant: string): number {
  return Date.parse(instant) / 1000;
}

/** Each unit, and how many of it make the next one (a month is 365.25 / 12 / 7 weeks on average). */
const RELATIVE_UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 365.25 / 12 / 7],
  ['month', 12],
];

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/**
 * How long ago (or ahead) `seconds` is from `nowSeconds`, in the largest unit that fits:
 * "5 minutes ago", "yesterday", "3 weeks ago". Both are epoch seconds.
 */
export function formatRelative(
  seconds: number,
  nowSeconds: number,
  format: Intl.RelativeTimeFormat = relativeFormat,
): string {
  if (!Number.isFinite(seconds) || !Number.isFinite(nowSeconds)) return '';
  let value = seconds - nowSeconds;
  for (const [unit, perNext] of RELATIVE_UNITS) {
    // Compare the rounded value, so 59.6 seconds reads "1 minute ago" rather than "60 seconds ago".
    if (Math.abs(Math.round(value)) < perNext) return format.format(Math.round(value), unit);
    value /= perNext;
  }
  return format.format(Math.round(value), 'year');
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Folders first, then by name ("file2" before "file10", case-insensitive), then by exact name. */
export function compareEntries(a: Pick<FileEntry, 'name' | 'directory'>, b: Pick<FileEntry, 'name' | 'directory'>): number {
  if (a.directory !== b.directory) return a.directory ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** A sorted copy; the input is left alone. */
export function sortEntries<T extends Pick<FileEntry, 'name' | 'directory'>>(entries: readonly T[]): T[] {
  return [...entries].sort(compareEntries);
}

const SIZE_FACTORS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/**
 * Reads a quota as typed by an admin: "10 GB", "500mb", "1.5 TB" or a plain number of bytes; empty or
 * "unlimited" is -1 (no quota). Null when it cannot be read.
 */
export function parseQuota(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'unlimited') return -1;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?$/.exec(trimmed);
  if (!match?.[1]) return null;
  return Math.round(Number(match[1]) * (SIZE_FACTORS[match[2] ?? 'b'] ?? 1));
}

/** A quota for display: "unlimited" or its size. */
export function formatQuota(bytes: number): string {
  return bytes < 0 ? 'unlimited' : formatSize(bytes);
}

export type SortKey = 'name' | 'size' | 'mtime';

type Sortable = Pick<FileEntry, 'name' | 'directory' | 'size' | 'mtime'>;

/**
 * A sorted copy by name, size or modification time, ascending or descending; folders always come first, and
 * equal sizes or times fall back to the name order.
 */
export function sortEntriesBy<T extends Sortable>(entries: readonly T[], key: SortKey, descending = false): T[] {
  const sign = descending ? -1 : 1;
  return [...entries].sort((a, b) => {
    if (a.directory !== b.directory) return a.directory ? -1 : 1;
    const byKey = key === 'name' ? 0 : key === 'size' ? a.size - b.size : a.mtime - b.mtime;
    return sign * (byKey || compareEntries(a, b));
  });
}
