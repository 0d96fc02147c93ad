import { expect, test } from 'vitest';
import { pickedSources, walkDropped, type DroppedEntry } from './dropped';

function fileEntry(name: string): DroppedEntry {
  return { name, isFile: true, isDirectory: false, file: (ok) => ok(new File(['x'], name)) };
}

/** A folder whose reader answers in batches of two, as Chromium answers in batches of 100. */
function folderEntry(name: string, children: DroppedEntry[]): DroppedEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let at = 0;
      return {
        readEntries(ok) {
          ok(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  };
}

test('walks dropped folders to every file, with paths relative to the drop', async () => {
  const dropped = [
    fileEntry('top.txt'),
    folderEntry('Trip', [fileEntry('a.jpg'), fileEntry('b.jpg'), fileEntry('c.jpg'), folderEntry('Day 1', [fileEntry('d.jpg')]), folderEntry('Empty', [])]),
  ];
  const sources = await walkDropped(dropped);
  expect(sources.map((s) => s.relativePath)).toEqual(['top.txt', 'Trip/a.jpg', 'Trip/b.jpg', 'Trip/c.jpg', 'Trip/Day 1/d.jpg']);
  expect(sources[4]?.file.name).toBe('d.jpg');
});

test('picked files keep the path below a picked folder', () => {
  const inFolder = new File(['x'], 'a.txt');
  Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'Trip/a.txt' });
  expect(pickedSources([inFolder, new File(['y'], 'b.txt')]).map((s) => s.relativePath)).toEqual(['Trip/a.txt', 'b.txt']);
});
