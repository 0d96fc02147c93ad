import { describe, expect, it, vi } from 'vitest';
import type { BackupFolderStatus } from '../api';
import {
  MANIFEST_CHUNK,
  buildManifest,
  checkSummary,
  fileCount,
  groupByDevice,
  isHidden,
  relativePath,
  type PickedFile,
} from './backups';

function row(device: string, folder: string, lastUpload: string, extra: Partial<BackupFolderStatus> = {}): BackupFolderStatus {
  return {
    device,
    deviceName: device,
    folder,
    files: 1,
    bytes: 100,
    newestCapture: '2026-11-30T12:00:00Z',
    lastUpload,
    lastSeen: null,
    ...extra,
  };
}

describe('groupByDevice', () => {
  it('returns nothing for no rows', () => {
    expect(groupByDevice([])).toEqual([]);
  });

  it('puts each device once, with its name, last seen and all its folders', () => {
    const rows = [
      row('app-password:7', '/InstantUpload/2026/12', '2026-12-02T10:00:00Z', {
        deviceName: 'Pixel',
        lastSeen: '2026-12-02T11:00:00Z',
      }),
      row('PhotoSync/4.2 (iPhone)', '/Camera', '2026-12-01T10:00:00Z'),
      row('app-password:7', '/InstantUpload/2026/11', '2026-11-30T10:00:00Z', {
        deviceName: 'Pixel',
        lastSeen: '2026-12-02T11:00:00Z',
      }),
    ];
    const grouped = groupByDevice(rows);
    expect(grouped.map((d) => [d.deviceName, d.lastSeen, d.lastUpload, d.folders.map((f) => f.folder)])).toEqual([
      ['Pixel', '2026-12-02T11:00:00Z', '2026-12-02T10:00:00Z', ['/InstantUpload/2026/12', '/InstantUpload/2026/11']],
      ['PhotoSync/4.2 (iPhone)', null, '2026-12-01T10:00:00Z', ['/Camera']],
    ]);
  });

  it('orders devices and folders newest upload first, whatever order the rows come in', () => {
    const grouped = groupByDevice([
      row('tablet', '/Old', '2026-01-01T00:00:00Z'),
      row('phone', '/A', '2026-06-01T00:00:00Z'),
      row('tablet', '/New', '2026-12-01T00:00:00Z'),
    ]);
    expect(grouped.map((d) => d.device)).toEqual(['tablet', 'phone']);
    expect(grouped[0]?.lastUpload).toBe('2026-12-01T00:00:00Z');
    expect(grouped[0]?.folders.map((f) => f.folder)).toEqual(['/New', '/Old']);
  });

  it('compares instants by time, not by text (offsets and fractions)', () => {
    const grouped = groupByDevice([
      row('phone', '/Early', '2026-12-01T10:00:00+02:00'),
      row('phone', '/Late', '2026-12-01T09:00:00.5Z'),
    ]);
    expect(grouped[0]?.folders.map((f) => f.folder)).toEqual(['/Late', '/Early']);
    expect(grouped[0]?.lastUpload).toBe('2026-12-01T09:00:00.5Z');
  });

  it('leaves the rows alone', () => {
    const rows = [row('a', '/1', '2026-01-01T00:00:00Z'), row('a', '/2', '2026-02-01T00:00:00Z')];
    const copy = structuredClone(rows);
    groupByDevice(rows);
    expect(rows).toEqual(copy);
  });
});

const picked = (name: string, size: number, webkitRelativePath = ''): PickedFile => ({ name, size, webkitRelativePath });

describe('relativePath', () => {
  it('uses the name of a file picked on its own', () => {
    expect(relativePath(picked('IMG_0001.jpg', 1))).toBe('IMG_0001.jpg');
  });

  it('drops the picked folder itself from a folder pick, keeping subfolders', () => {
    expect(relativePath(picked('IMG_1.jpg', 1, 'Camera/IMG_1.jpg'))).toBe('IMG_1.jpg');
    expect(relativePath(picked('IMG_2.jpg', 1, 'DCIM/Camera/2026/IMG_2.jpg'))).toBe('Camera/2026/IMG_2.jpg');
  });

  it('keeps unusual names as they are', () => {
    expect(relativePath(picked('a b #1 (2).jpg', 1, 'Urlaub 2026/Größe/a b #1 (2).jpg'))).toBe('Größe/a b #1 (2).jpg');
  });
});

describe('isHidden', () => {
  it('spots hidden files and files in hidden folders', () => {
    expect(isHidden('.nomedia')).toBe(true);
    expect(isHidden('.thumbnails/123.jpg')).toBe(true);
    expect(isHidden('2026/.trashed-1700000000-IMG_1.jpg')).toBe(true);
  });

  it('lets ordinary names through, dots inside a name included', () => {
    expect(isHidden('IMG_0001.jpg')).toBe(false);
    expect(isHidden('2026/11/IMG.20261130.jpg')).toBe(false);
  });
});

describe('buildManifest', () => {
  const noPause = () => Promise.resolve();

  it('keeps only relative paths and sizes, in the order picked, without hidden files', async () => {
    const files = [
      picked('b.jpg', 20, 'Camera/b.jpg'),
      picked('.nomedia', 0, 'Camera/.nomedia'),
      picked('a.mp4', 3_000_000_000, 'Camera/Videos/a.mp4'),
    ];
    await expect(buildManifest(files, undefined, noPause)).resolves.toEqual([
      { path: 'b.jpg', size: 20 },
      { path: 'Videos/a.mp4', size: 3_000_000_000 },
    ]);
  });

  it('never reads the file contents: only name, size and path are touched', async () => {
    const file = new File(['secret bytes'], 'IMG_1.jpg');
    const text = vi.spyOn(file, 'text');
    const bytes = vi.spyOn(file, 'arrayBuffer');
    const manifest = await buildManifest([file], undefined, noPause);
    expect(manifest).toEqual([{ path: 'IMG_1.jpg', size: 12 }]);
    expect(Object.keys(manifest[0] ?? {})).toEqual(['path', 'size']);
    expect(text).not.toHaveBeenCalled();
    expect(bytes).not.toHaveBeenCalled();
  });

  it('reads thousands of files in chunks, reporting progress and pausing between chunks', async () => {
    const total = 2 * MANIFEST_CHUNK + 7;
    const files = Array.from({ length: total }, (_, i) => picked(`IMG_${i}.jpg`, i));
    const progress: [number, number][] = [];
    const pause = vi.fn(noPause);
    const manifest = await buildManifest(files, (read, all) => progress.push([read, all]), pause);
    expect(manifest).toHaveLength(total);
    expect(manifest[total - 1]).toEqual({ path: `IMG_${total - 1}.jpg`, size: total - 1 });
    expect(progress).toEqual([
      [MANIFEST_CHUNK, total],
      [2 * MANIFEST_CHUNK, total],
      [total, total],
    ]);
    expect(pause).toHaveBeenCalledTimes(2);
  });

  it('handles an empty selection without pausing', async () => {
    const pause = vi.fn(noPause);
    const progress = vi.fn();
    await expect(buildManifest([], progress, pause)).resolves.toEqual([]);
    expect(progress).not.toHaveBeenCalled();
    expect(pause).not.toHaveBeenCalled();
  });

  it('yields to the event loop by default', async () => {
    vi.useFakeTimers();
    try {
      const files = Array.from({ length: MANIFEST_CHUNK + 1 }, (_, i) => picked(`${i}.jpg`, 1));
      let done = false;
      const building = buildManifest(files).then((manifest) => {
        done = true;
        return manifest;
      });
      await Promise.resolve();
      expect(done).toBe(false);
      await vi.runAllTimersAsync();
      await expect(building).resolves.toHaveLength(MANIFEST_CHUNK + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('checkSummary', () => {
  it.each([
    [12, 14, '12 of 14 photos are on the server'],
    [1, 3, '1 of 3 photos is on the server'],
    [0, 3, '0 of 3 photos are on the server'],
    [1, 1, '1 of 1 photo is on the server'],
    [0, 1, '0 of 1 photo is on the server'],
  ])('%d present of %d', (present, checked, expected) => {
    expect(checkSummary({ present }, checked)).toBe(expected);
  });
});

describe('fileCount', () => {
  it('agrees in number and groups digits', () => {
    expect(fileCount(0)).toBe('0 files');
    expect(fileCount(1)).toBe('1 file');
    expect(fileCount(2)).toBe('2 files');
    expect(fileCount(1234)).toMatch(/^1\D?234 files$/);
  });
});
