import { describe, expect, test, vi } from 'vitest';
import { CHUNK_SIZE, resumeKey } from './chunks';
import { Uploader, uploadTotals, type ConflictResolver, type UploadItem, type UploadTransport } from './uploader';

/** A server in memory: folders with names, whole files, upload sessions with their parts. */
class FakeServer implements UploadTransport {
  folders = new Map<string, Set<string>>([['/', new Set()]]);
  files = new Map<string, number>();
  sessions = new Map<string, { path: string; parts: Map<string, number> }>();
  partsSent: string[] = [];
  /** When set, the part with this name never finishes (until aborted). */
  hangOnPart: string | null = null;

  async names(folder: string) {
    return new Set(this.folders.get(folder) ?? []);
  }
  async createFolder(path: string) {
    this.add(path);
    this.folders.set(path, new Set());
  }
  async putFile(path: string, file: Blob, _replace: boolean, _mtime: number, onProgress: (n: number) => void) {
    onProgress(file.size);
    this.add(path);
    this.files.set(path, file.size);
  }
  async openUpload(path: string) {
    const id = `u${this.sessions.size + 1}`;
    this.sessions.set(id, { path, parts: new Map() });
    return id;
  }
  async uploadedParts(id: string) {
    const session = this.sessions.get(id);
    return session ? [...session.parts].map(([name, size]) => ({ name, size })) : null;
  }
  putPart(id: string, part: string, body: Blob, _onProgress: (n: number) => void, signal: AbortSignal) {
    if (part === this.hangOnPart) {
      return new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    this.partsSent.push(part);
    this.sessions.get(id)!.parts.set(part, body.size);
    return Promise.resolve();
  }
  async assemble(id: string) {
    const session = this.sessions.get(id)!;
    this.add(session.path);
    this.files.set(session.path, [...session.parts.values()].reduce((a, b) => a + b, 0));
    this.sessions.delete(id);
  }
  private add(path: string) {
    const slash = path.lastIndexOf('/');
    this.folders.get(path.slice(0, slash) || '/')?.add(path.slice(slash + 1));
  }
}

function memoryStore() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
}

function file(name: string, size: number): File {
  return new File([new Uint8Array(size)], name, { lastModified: 1_700_000_000_000 });
}

function settle(uploader: Uploader): Promise<UploadItem[]> {
  return vi.waitUntil(() => {
    const items = uploader.items;
    return items.every((i) => i.status !== 'queued' && i.status !== 'uploading') ? items : false;
  });
}

const never: ConflictResolver = () => Promise.reject(new Error('no conflict expected'));

describe('Uploader', () => {
  test('creates the folders files came in and uploads every file into them', async () => {
    const server = new FakeServer();
    const uploader = new Uploader(server, memoryStore(), never, () => {});
    await uploader.add('/', [
      { file: file('a.txt', 3), relativePath: 'Trip/a.txt' },
      { file: file('b.txt', 4), relativePath: 'Trip/Day 1/b.txt' },
    ]);
    const items = await settle(uploader);
    expect(items.map((i) => [i.path, i.status])).toEqual([
      ['/Trip/a.txt', 'done'],
      ['/Trip/Day 1/b.txt', 'done'],
    ]);
    expect(server.folders.get('/Trip')).toEqual(new Set(['a.txt', 'Day 1']));
    expect(uploadTotals(items)).toEqual({ files: 2, done: 2, sent: 7, size: 7 });
  });

  test('asks about a taken name once when told to apply the answer to all', async () => {
    const server = new FakeServer();
    server.folders.set('/', new Set(['a.txt', 'b.txt', 'c.txt']));
    const ask = vi.fn<ConflictResolver>().mockResolvedValue({ choice: 'keep-both', forAll: true });
    const uploader = new Uploader(server, memoryStore(), ask, () => {});
    await uploader.add('/', ['a.txt', 'b.txt', 'c.txt'].map((n) => ({ file: file(n, 1), relativePath: n })));
    await settle(uploader);
    expect(ask).toHaveBeenCalledTimes(1);
    expect([...server.files.keys()]).toEqual(['/a (2).txt', '/b (2).txt', '/c (2).txt']);
  });

  test('skip leaves the file alone and does not count it; replace keeps the name', async () => {
    const server = new FakeServer();
    server.folders.set('/', new Set(['a.txt', 'b.txt']));
    const ask = vi.fn<ConflictResolver>()
      .mockResolvedValueOnce({ choice: 'skip', forAll: false })
      .mockResolvedValueOnce({ choice: 'replace', forAll: false });
    const uploader = new Uploader(server, memoryStore(), ask, () => {});
    await uploader.add('/', ['a.txt', 'b.txt'].map((n) => ({ file: file(n, 2), relativePath: n })));
    const items = await settle(uploader);
    expect(items.map((i) => [i.path, i.status, i.replace])).toEqual([
      ['/a.txt', 'skipped', false],
      ['/b.txt', 'done', true],
    ]);
    expect(uploadTotals(items)).toEqual({ files: 1, done: 1, sent: 2, size: 2 });
  });

  test('a large file goes up in parts; after a pause only the missing parts are sent, also from a new page', async () => {
    const server = new FakeServer();
    const store = memoryStore();
    server.hangOnPart = '3';
    const first = new Uploader(server, store, never, () => {});
    const big = file('big.bin', 3 * CHUNK_SIZE + 5);
    await first.add('/', [{ file: big, relativePath: 'big.bin' }]);
    await vi.waitUntil(() => server.partsSent.length === 2);
    first.pause();
    expect((await settle(first))[0]).toMatchObject({ status: 'paused', sent: 2 * CHUNK_SIZE });
    expect(store.map.get(resumeKey('/big.bin', big.size, big.lastModified))).toBe('u1');

    // A reload: a new queue, the same file added again.
    server.hangOnPart = null;
    const second = new Uploader(server, store, never, () => {});
    await second.add('/', [{ file: big, relativePath: 'big.bin' }]);
    expect((await settle(second))[0]?.status).toBe('done');
    expect(server.partsSent).toEqual(['1', '2', '3', '4']);
    expect(server.files.get('/big.bin')).toBe(big.size);
    expect(store.map.size).toBe(0);
  });

  test('a session the server no longer has is opened anew', async () => {
    const server = new FakeServer();
    const store = memoryStore();
    const big = file('big.bin', CHUNK_SIZE + 1);
    store.setItem(resumeKey('/big.bin', big.size, big.lastModified), 'expired');
    const uploader = new Uploader(server, store, never, () => {});
    await uploader.add('/', [{ file: big, relativePath: 'big.bin' }]);
    expect((await settle(uploader))[0]?.status).toBe('done');
    expect(server.partsSent).toEqual(['1', '2']);
  });

  test('a failed file is tried again on resume', async () => {
    const server = new FakeServer();
    const put = vi.spyOn(server, 'putFile').mockRejectedValueOnce(new Error('offline'));
    const uploader = new Uploader(server, memoryStore(), never, () => {});
    await uploader.add('/', [{ file: file('a.txt', 1), relativePath: 'a.txt' }]);
    expect((await settle(uploader))[0]).toMatchObject({ status: 'failed', error: 'offline' });
    uploader.resume();
    expect((await settle(uploader))[0]?.status).toBe('done');
    expect(put).toHaveBeenCalledTimes(2);
  });
});
