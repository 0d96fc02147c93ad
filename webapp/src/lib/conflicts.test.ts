import { describe, expect, test } from 'vitest';
import { keepBothName } from './conflicts';

describe('keepBothName', () => {
  test('numbers from 2 before the extension', () => {
    expect(keepBothName('photo.jpg', new Set(['photo.jpg']))).toBe('photo (2).jpg');
  });

  test('skips numbers already taken', () => {
    expect(keepBothName('a.txt', new Set(['a.txt', 'a (2).txt', 'a (3).txt']))).toBe('a (4).txt');
  });

  test('counts on from a numbered name', () => {
    expect(keepBothName('a (2).txt', new Set(['a (2).txt']))).toBe('a (3).txt');
  });

  test('names without an extension, dot files and trailing dots', () => {
    expect(keepBothName('Makefile', new Set())).toBe('Makefile (2)');
    expect(keepBothName('.bashrc', new Set())).toBe('.bashrc (2)');
    expect(keepBothName('odd.', new Set())).toBe('odd. (2)');
  });

  test('only the last extension moves', () => {
    expect(keepBothName('backup.tar.gz', new Set())).toBe('backup.tar (2).gz');
  });
});
