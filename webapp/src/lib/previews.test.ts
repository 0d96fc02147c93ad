import { describe, expect, it } from 'vitest';
import { hasPreview } from './previews';
import { previewUrl } from '../api';

describe('hasPreview', () => {
  it.each([
    ['image/jpeg', true],
    ['image/png', true],
    ['image/gif', true],
    ['image/webp', true],
    ['image/bmp', true],
    ['image/heic', false],
    ['text/plain', false],
    [null, false],
    [undefined, false],
  ])('%s → %s', (mime, expected) => {
    expect(hasPreview(mime)).toBe(expected);
  });
});

describe('previewUrl', () => {
  it('names the file by id and carries its etag, so new content is a new URL', () => {
    expect(previewUrl({ fileId: 42, etag: 'a/b"c' }, 256)).toBe('api/previews/42?size=256&etag=a%2Fb%22c');
  });
});
