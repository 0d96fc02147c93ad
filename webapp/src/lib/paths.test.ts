import { describe, expect, it } from 'vitest';
import { baseName, breadcrumbs, davFileUrl, encodePath, isWithin, joinPath, nameProblem, normalizePath, parentPath } from './paths';

describe('normalizePath', () => {
  it.each([
    ['', '/'],
    ['/', '/'],
    ['Photos', '/Photos'],
    ['/Photos/', '/Photos'],
    ['//Photos///2024//', '/Photos/2024'],
    ['/Photos/./2024', '/Photos/2024'],
    ['/Photos/2024/../2023', '/Photos/2023'],
    ['/../../etc', '/etc'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });
});

describe('parentPath / baseName / joinPath', () => {
  it('walks up one level', () => {
    expect(parentPath('/Photos/2024')).toBe('/Photos');
    expect(parentPath('/Photos')).toBe('/');
    expect(parentPath('/')).toBe('/');
  });

  it('takes the last segment', () => {
    expect(baseName('/Photos/2024/a.jpg')).toBe('a.jpg');
    expect(baseName('/')).toBe('');
  });

  it('joins a name onto a folder', () => {
    expect(joinPath('/', 'Photos')).toBe('/Photos');
    expect(joinPath('/Photos/', '2024')).toBe('/Photos/2024');
  });
});

describe('breadcrumbs', () => {
  it('has only the root for "/"', () => {
    expect(breadcrumbs('/')).toEqual([{ name: 'Files', path: '/' }]);
  });

  it('lists every ancestor with its path', () => {
    expect(breadcrumbs('/Photos/2024/Summer trip')).toEqual([
      { name: 'Files', path: '/' },
      { name: 'Photos', path: '/Photos' },
      { name: '2024', path: '/Photos/2024' },
      { name: 'Summer trip', path: '/Photos/2024/Summer trip' },
    ]);
  });

  it('uses the given root label and ignores a trailing slash', () => {
    expect(breadcrumbs('/Docs/', 'Home').map((c) => c.name)).toEqual(['Home', 'Docs']);
  });
});

describe('encodePath', () => {
  it('encodes each segment but keeps the separators', () => {
    expect(encodePath('/Photos/2024/a.jpg')).toBe('Photos/2024/a.jpg');
    expect(encodePath('/')).toBe('');
  });

  it('escapes characters that are special in URLs', () => {
    expect(encodePath('/a b/c#d/e%f/g+h/i?j/k&l=m')).toBe('a%20b/c%23d/e%25f/g%2Bh/i%3Fj/k%26l%3Dm');
  });

  it('percent-encodes unicode as UTF-8', () => {
    expect(encodePath('/Fotos/Größe/日本')).toBe('Fotos/Gr%C3%B6%C3%9Fe/%E6%97%A5%E6%9C%AC');
    expect(encodePath('/🏠')).toBe('%F0%9F%8F%A0');
  });
});

describe('davFileUrl', () => {
  it('builds the WebDAV download URL under remote.php/dav/files/<user>/', () => {
    expect(davFileUrl('alice', '/Photos/2024/a.jpg')).toBe('remote.php/dav/files/alice/Photos/2024/a.jpg');
  });

  it('encodes #, %, +, spaces and unicode in every segment', () => {
    expect(davFileUrl('alice', '/My Docs/100% #1 + more/naïve café.txt')).toBe(
      'remote.php/dav/files/alice/My%20Docs/100%25%20%231%20%2B%20more/na%C3%AFve%20caf%C3%A9.txt',
    );
  });

  it('encodes the username too', () => {
    expect(davFileUrl('bob smith@example.org', '/x')).toBe('remote.php/dav/files/bob%20smith%40example.org/x');
  });

  it('round-trips through URL parsing to the original segments', () => {
    const names = ['a b', 'c#d', 'e%f', 'g+h', 'Größe', '日本', '🏠'];
    const url = new URL(davFileUrl('alice', '/' + names.join('/')), 'https://cloud.example/');
    expect(url.hash).toBe('');
    expect(url.search).toBe('');
    const segments = url.pathname.split('/').slice(5).map(decodeURIComponent);
    expect(segments).toEqual(names);
  });
});

describe('nameProblem', () => {
  it('accepts ordinary names and refuses empty, reserved and slashed ones', () => {
    expect(nameProblem('Holiday 2024.jpg')).toBeNull();
    expect(nameProblem('  ')).toMatch(/Enter/);
    expect(nameProblem('..')).toMatch(/reserved/);
    expect(nameProblem('a/b')).toMatch(/\//);
  });
});

describe('isWithin', () => {
  it('is true for the folder itself and what lies below it, not for a sibling with a longer name', () => {
    expect(isWithin('/A', '/A')).toBe(true);
    expect(isWithin('/A/b/c', '/A')).toBe(true);
    expect(isWithin('/AB', '/A')).toBe(false);
    expect(isWithin('/x', '/')).toBe(true);
  });
});
