import { describe, expect, it, vi } from 'vitest';
import {
  CREATE,
  DELETE,
  READ,
  RESHARE,
  UPDATE,
  containingFolder,
  copyText,
  describeExpiry,
  describePermissions,
  linkAccess,
  linkAccessChoices,
  linkBits,
  personBits,
  personRights,
} from './shares';

describe('link access', () => {
  it('maps each choice to the bits the server expects and back', () => {
    expect(linkBits('read', true)).toBe(READ);
    expect(linkBits('edit', true)).toBe(READ | UPDATE | CREATE | DELETE);
    expect(linkBits('edit', false)).toBe(READ | UPDATE);
    expect(linkBits('upload', true)).toBe(CREATE);
    for (const access of ['read', 'edit', 'upload'] as const) expect(linkAccess(linkBits(access, true))).toBe(access);
    expect(linkAccess(READ | RESHARE)).toBe('read');
  });

  it('offers upload only for folders', () => {
    expect(linkAccessChoices(true).map((c) => c.value)).toEqual(['read', 'edit', 'upload']);
    expect(linkAccessChoices(false).map((c) => c.value)).toEqual(['read', 'edit']);
  });
});

describe('person rights', () => {
  it('always include read; edit covers create and delete in a folder only', () => {
    expect(personBits({ edit: false, reshare: false }, true)).toBe(READ);
    expect(personBits({ edit: true, reshare: false }, true)).toBe(READ | UPDATE | CREATE | DELETE);
    expect(personBits({ edit: true, reshare: true }, false)).toBe(READ | UPDATE | RESHARE);
    expect(personRights(31)).toEqual({ edit: true, reshare: true });
    expect(personRights(17)).toEqual({ edit: false, reshare: true });
  });

  it('are described in words', () => {
    expect(describePermissions(31)).toBe('read, edit, reshare');
    expect(describePermissions(1)).toBe('read');
    expect(describePermissions(READ | CREATE)).toBe('read, edit');
    expect(describePermissions(CREATE)).toBe('upload only');
  });
});

describe('expiry and places', () => {
  it('describes an expiry date in the given format, whatever the time zone', () => {
    const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(describeExpiry('2099-01-31', format)).toBe('expires 31 Jan 2099');
    expect(describeExpiry(null)).toBe('no expiry');
    expect(describeExpiry('soon')).toBe('expires soon');
  });

  it('finds the folder holding a path', () => {
    expect(containingFolder('/Shared with me/Docs')).toBe('/Shared with me');
    expect(containingFolder('/Docs')).toBe('/');
  });
});

describe('copyText', () => {
  it('uses the Clipboard API when there is one', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const legacyCopy = vi.fn(() => true);
    await expect(copyText('https://x/s/t', { clipboard: { writeText }, legacyCopy })).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('https://x/s/t');
    expect(legacyCopy).not.toHaveBeenCalled();
  });

  it('falls back when the Clipboard API is missing or refuses', async () => {
    const legacyCopy = vi.fn(() => true);
    await expect(copyText('a', { legacyCopy })).resolves.toBe(true);
    const refusing = { writeText: () => Promise.reject(new Error('denied')) };
    await expect(copyText('b', { clipboard: refusing, legacyCopy: () => false })).resolves.toBe(false);
    expect(legacyCopy).toHaveBeenCalledWith('a');
  });
});
