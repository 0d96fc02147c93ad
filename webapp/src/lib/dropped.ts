/**
 * Files a user drops or picks, with the folders they came in: a dropped folder is walked through the File and
 * Directory Entries API (webkitGetAsEntry), a picked folder (<input webkitdirectory>) gives webkitRelativePath.
 */
import type { UploadSource } from './uploader';

/** The parts of FileSystemEntry that the walk uses, so tests can hand in plain objects. */
export interface DroppedEntry {
  name: string;
  isFile: boolean;
  isDirectory: boolean;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void };
}

/**
 * Every file below the dropped entries, with its path relative to the drop ("Trip/Day 1/a.jpg"). The entries must
 * be taken from the DataTransfer during the drop event; the walk itself may run later.
 */
export async function walkDropped(entries: readonly DroppedEntry[], prefix = ''): Promise<UploadSource[]> {
  const sources: UploadSource[] = [];
  for (const entry of entries) {
    const relativePath = prefix + entry.name;
    if (entry.isFile && entry.file) {
      const read = entry.file.bind(entry);
      sources.push({ file: await new Promise<File>((resolve, reject) => read(resolve, reject)), relativePath });
    } else if (entry.isDirectory && entry.createReader) {
      sources.push(...(await walkDropped(await readAll(entry.createReader()), relativePath + '/')));
    }
  }
  return sources;
}

/** readEntries answers in batches (100 in Chromium) until it answers an empty one. */
async function readAll(reader: ReturnType<NonNullable<DroppedEntry['createReader']>>): Promise<DroppedEntry[]> {
  const all: DroppedEntry[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The files of an <input type="file">; with `webkitdirectory` each knows its path below the picked folder. */
export function pickedSources(files: Iterable<File>): UploadSource[] {
  return [...files].map((file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}
