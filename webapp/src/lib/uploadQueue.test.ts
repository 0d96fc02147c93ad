import { describe, expect, test } from 'vitest';
import { UploadQueue, type UploadQueueState } from './uploadQueue';
import type { UploadTransport } from './uploader';

/** A folder "/" that holds "taken.txt"; small files only. */
function transport(received: string[]): UploadTransport {
  const unused = () => Promise.reject(new Error('only small files here'));
  return {
    names: async () => new Set(['taken.txt']),
    createFolder: async () => undefined,
    putFile: async (path, file, _replace, _mtime, onProgress) => {
      onProgress(file.size);
      received.push(path);
    },
    openUpload: unused,
    uploadedParts: unused,
    putPart: unused,
    assemble: unused,
  };
}

function store() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

const source = (name: string) => ({ file: new File(['x'], name), relativePath: name });

async function settled(queue: UploadQueue) {
  for (let i = 0; i < 20 && queue.uploader.items.some((item) => item.status === 'queued' || item.status === 'uploading'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('the app-wide upload queue', () => {
  test('publishes its state and tells listeners about arrivals until they stop listening', async () => {
    const received: string[] = [];
    const states: UploadQueueState[] = [];
    const queue = new UploadQueue(transport(received), store(), (state) => states.push(state));
    const arrived: string[] = [];
    const stop = queue.onArrival((item) => arrived.push(item.path));

    await queue.uploader.add('/', [source('a.txt')]);
    await settled(queue);
    expect(received).toEqual(['/a.txt']);
    expect(arrived).toEqual(['/a.txt']);
    expect(states.at(-1)?.items.map((i) => i.status)).toEqual(['done']);

    stop();
    await queue.uploader.add('/', [source('b.txt')]);
    await settled(queue);
    expect(received).toEqual(['/a.txt', '/b.txt']);
    expect(arrived).toEqual(['/a.txt']);
  });

  test('asks the lent conflict dialog, and skips taken names once it was taken back', async () => {
    const received: string[] = [];
    const queue = new UploadQueue(transport(received), store(), () => undefined);
    const asked: string[] = [];
    const giveBack = queue.useConflictResolver(async (name) => {
      asked.push(name);
      return { choice: 'keep-both', forAll: false };
    });
    await queue.uploader.add('/', [source('taken.txt')]);
    await settled(queue);
    expect(asked).toEqual(['taken.txt']);
    expect(received).toEqual(['/taken (2).txt']);

    giveBack();
    await queue.uploader.add('/', [source('taken.txt')]);
    await settled(queue);
    expect(asked).toHaveLength(1);
    expect(queue.uploader.items.at(-1)?.status).toBe('skipped');
  });
});
