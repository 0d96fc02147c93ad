import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, backupStatus, checkBackup, downloadUrl, getSession, listDevices, listFiles, readCookie, revokeDevice, signIn, signOut } from './api';

type Call = { url: string; init: RequestInit };

/** Stubs fetch with queued responses and records the calls. */
function stubFetch(...responses: Response[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, init });
      const next = responses.shift();
      if (!next) throw new Error(`unexpected fetch ${url}`);
      return next;
    }),
  );
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const alice = { username: 'alice', displayName: 'Alice', admin: false };
const header = (call: Call | undefined, name: string) => (call?.init.headers as Record<string, string>)[name];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('a=1; XSRF-TOKEN=ab%2Fc-d; b=2', 'XSRF-TOKEN')).toBe('ab/c-d');
    expect(readCookie('XSRF-TOKEN=x', 'XSRF-TOKEN')).toBe('x');
  });

  it('does not match cookies whose name merely ends or starts alike', () => {
    expect(readCookie('MY-XSRF-TOKEN=1; XSRF-TOKENS=2', 'XSRF-TOKEN')).toBeNull();
  });

  it('treats missing and empty cookies as absent', () => {
    expect(readCookie('', 'XSRF-TOKEN')).toBeNull();
    expect(readCookie('XSRF-TOKEN=', 'XSRF-TOKEN')).toBeNull();
  });
});

describe('session', () => {
  it('returns the signed-in user', async () => {
    const calls = stubFetch(json(200, alice));
    await expect(getSession()).resolves.toEqual(alice);
    expect(calls[0]?.url).toBe('api/session');
    expect(calls[0]?.init.method).toBe('GET');
    expect(header(calls[0], 'X-XSRF-TOKEN')).toBeUndefined();
  });

  it('returns null when not signed in', async () => {
    stubFetch(new Response(null, { status: 401 }));
    await expect(getSession()).resolves.toBeNull();
  });

  it('also accepts an empty 204 as signed out', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(getSession()).resolves.toBeNull();
  });

  it('propagates other errors', async () => {
    stubFetch(new Response(null, { status: 503 }));
    await expect(getSession()).rejects.toMatchObject({ status: 503 });
  });

  it('signs in with JSON credentials and the CSRF header', async () => {
    vi.stubGlobal('document', { cookie: 'JSESSIONID=zzz; XSRF-TOKEN=tok123' });
    const calls = stubFetch(json(200, alice));
    await expect(signIn({ username: 'alice', password: 'secret' })).resolves.toEqual(alice);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('api/session');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.body).toBe('{"username":"alice","password":"secret"}');
    expect(header(calls[0], 'Content-Type')).toBe('application/json');
    expect(header(calls[0], 'X-XSRF-TOKEN')).toBe('tok123');
  });

  it('throws ApiError with the status on 401 and 429', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=t' });
    stubFetch(new Response(null, { status: 401 }), new Response(null, { status: 429 }));
    const first = signIn({ username: 'alice', password: 'bad' });
    await expect(first).rejects.toBeInstanceOf(ApiError);
    await expect(first).rejects.toMatchObject({ status: 401 });
    await expect(signIn({ username: 'alice', password: 'bad' })).rejects.toMatchObject({ status: 429 });
  });

  it('fetches a CSRF cookie first when there is none (e.g. after it was rotated)', async () => {
    const doc = { cookie: '' };
    vi.stubGlobal('document', doc);
    const calls: Call[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        calls.push({ url, init });
        if (calls.length === 1) {
          doc.cookie = 'XSRF-TOKEN=fresh';
          return json(200, alice);
        }
        return new Response(null, { status: 204 });
      }),
    );
    await expect(signOut()).resolves.toBeUndefined();
    expect(calls.map((c) => `${c.init.method ?? 'GET'} ${c.url}`)).toEqual(['GET api/session', 'DELETE api/session']);
    expect(header(calls[1], 'X-XSRF-TOKEN')).toBe('fresh');
  });
});

describe('files', () => {
  it('lists a folder with the path as an encoded query parameter', async () => {
    const listing = { path: '/A & B/100% #1', entries: [] };
    const calls = stubFetch(json(200, listing));
    await expect(listFiles('/A & B/100% #1')).resolves.toEqual(listing);
    expect(calls[0]?.url).toBe('api/files?path=%2FA%20%26%20B%2F100%25%20%231');
    expect(new URL(calls[0]!.url, 'https://x/').searchParams.get('path')).toBe('/A & B/100% #1');
  });

  it('reports a missing folder as 404', async () => {
    stubFetch(new Response(null, { status: 404 }));
    await expect(listFiles('/nope')).rejects.toMatchObject({ status: 404 });
  });

  it('builds download URLs on the WebDAV tree', () => {
    expect(downloadUrl('alice', '/Photos/a b.jpg')).toBe('remote.php/dav/files/alice/Photos/a%20b.jpg');
  });
});

describe('devices', () => {
  const tablet = { id: 7, name: 'mirall/3.7.3', createdAt: '2026-12-02T19:00:00Z', lastUsedAt: null };

  it('lists the app passwords', async () => {
    const calls = stubFetch(json(200, [tablet]));
    await expect(listDevices()).resolves.toEqual([tablet]);
    expect(calls[0]?.url).toBe('api/app-passwords');
    expect(calls[0]?.init.method).toBe('GET');
  });

  it('revokes one with DELETE and the CSRF header', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=tok' });
    const calls = stubFetch(new Response(null, { status: 204 }));
    await expect(revokeDevice(7)).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe('api/app-passwords/7');
    expect(calls[0]?.init.method).toBe('DELETE');
    expect(header(calls[0], 'X-XSRF-TOKEN')).toBe('tok');
  });

  it('reports a device that is already gone as 404', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=tok' });
    stubFetch(new Response(null, { status: 404 }));
    await expect(revokeDevice(7)).rejects.toMatchObject({ status: 404 });
  });
});

describe('backups', () => {
  const row = {
    device: 'app-password:7',
    deviceName: 'Nextcloud-android',
    folder: '/InstantUpload/2026/11',
    files: 2,
    bytes: 3072,
    newestCapture: '2026-11-30T18:06:00Z',
    lastUpload: '2026-12-02T19:00:00Z',
    lastSeen: null,
  };

  it('reads the status with GET and no CSRF header', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=tok' });
    const calls = stubFetch(json(200, [row]));
    await expect(backupStatus()).resolves.toEqual([row]);
    expect(calls[0]?.url).toBe('api/backup-status');
    expect(calls[0]?.init.method).toBe('GET');
    expect(header(calls[0], 'X-XSRF-TOKEN')).toBeUndefined();
  });

  it('passes the abort signal on', async () => {
    const controller = new AbortController();
    const calls = stubFetch(json(200, []));
    await backupStatus(controller.signal);
    expect(calls[0]?.init.signal).toBe(controller.signal);
  });

  it('sends the folder with names and sizes as JSON, with the CSRF header', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=tok' });
    const comparison = { present: 1, missing: [{ path: 'sub/b.jpg', size: 2 }], differentSize: [] };
    const calls = stubFetch(json(200, comparison));
    const files = [
      { path: 'a.jpg', size: 1 },
      { path: 'sub/b.jpg', size: 2 },
    ];
    await expect(checkBackup('/InstantUpload/2026/11', files)).resolves.toEqual(comparison);
    expect(calls[0]?.url).toBe('api/backup-status/check');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ folder: '/InstantUpload/2026/11', files });
    expect(header(calls[0], 'Content-Type')).toBe('application/json');
    expect(header(calls[0], 'X-XSRF-TOKEN')).toBe('tok');
  });

  it('reports refusals as ApiError with the status', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=tok' });
    stubFetch(json(400, { error: 'INVALID_NAME', message: 'bad name' }), new Response(null, { status: 401 }));
    const refused = checkBackup('/bad\u0000name', []);
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 400, message: 'bad name' });
    await expect(backupStatus()).rejects.toMatchObject({ status: 401 });
  });
});
