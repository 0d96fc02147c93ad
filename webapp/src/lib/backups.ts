/**
 * UI-free logic of the backups page: grouping the server's status rows by device, and turning the
 * files a user picked on the phone into the list of names and sizes the server checks.
 */
import type { BackupComparison, BackupFile, BackupFolderStatus } from '../api';
import { instantSeconds } from './format';

/** One device and the folders it uploaded into, newest upload first. */
export interface DeviceBackups {
  device: string;
  deviceName: string;
  /** ISO 8601 instant, or null when the server does not know it (generic clients, revoked devices). */
  lastSeen: string | null;
  /** ISO 8601 instant of the device's latest upload into any folder. */
  lastUpload: string;
  folders: BackupFolderStatus[];
}

const byNewestUpload = (a: { lastUpload: string }, b: { lastUpload: string }) =>
  instantSeconds(b.lastUpload) - instantSeconds(a.lastUpload);

/** Groups rows by device; devices and each device's folders are ordered newest upload first. */
export function groupByDevice(rows: readonly BackupFolderStatus[]): DeviceBackups[] {
  const devices = new Map<string, DeviceBackups>();
  for (const row of rows) {
    const known = devices.get(row.device);
    if (known) {
      known.folders.push(row);
      if (instantSeconds(row.lastUpload) > instantSeconds(known.lastUpload)) known.lastUpload = row.lastUpload;
    } else {
      devices.set(row.device, {
        device: row.device,
        deviceName: row.deviceName,
        lastSeen: row.lastSeen ?? null,
        lastUpload: row.lastUpload,
        folders: [row],
      });
    }
  }
  const grouped = [...devices.values()];
  for (const group of grouped) group.folders.sort(byNewestUpload);
  return grouped.sort(byNewestUpload);
}

/** The parts of a browser `File` the check needs; tests pass plain objects. */
export interface PickedFile {
  name: string;
  size: number;
  /** "Camera/2026/IMG_1.jpg" when picked with a folder picker, "" otherwise; absent where unsupported (Node's File). */
  webkitRelativePath?: string;
}

/**
 * A picked file's path relative to the folder the user picked: `webkitRelativePath` names that folder
 * first, and the server folder being checked stands for it. Files picked one by one have just a name.
 */
export function relativePath(file: PickedFile): string {
  const picked = file.webkitRelativePath ?? '';
  const slash = picked.indexOf('/');
  return slash < 0 ? file.name : picked.slice(slash + 1);
}

/**
 * Hidden files and folders (".nomedia", ".thumbnails/…", ".trashed-…") are never photos, and the phone
 * apps do not upload them, so counting them would report them as missing.
 */
export function isHidden(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.'));
}

/** Files read between two pauses that let the page show progress; a FileList can hold tens of thousands. */
export const MANIFEST_CHUNK = 500;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The names and sizes (never the contents) of the picked files, hidden ones left out. Reads in chunks
 * and calls `onProgress(read, total)` after each, yielding to the browser so the progress can be painted.
 */
export async function buildManifest(
  files: ArrayLike<PickedFile>,
  onProgress: (read: number, total: number) => void = () => {},
  pause: () => Promise<void> = nextTask,
): Promise<BackupFile[]> {
  const manifest: BackupFile[] = [];
  for (let start = 0; start < files.length; start += MANIFEST_CHUNK) {
    const end = Math.min(start + MANIFEST_CHUNK, files.length);
    for (let i = start; i < end; i++) {
      const file = files[i];
      if (!file) continue;
      const path = relativePath(file);
      if (!isHidden(path)) manifest.push({ path, size: file.size });
    }
    onProgress(end, files.length);
    if (end < files.length) await pause();
  }
  return manifest;
}

const count = new Intl.NumberFormat();

/** "12 of 14 photos are on the server", "1 of 3 photos is…", "0 of 1 photo is…". */
export function checkSummary(comparison: Pick<BackupComparison, 'present'>, checked: number): string {
  const noun = checked === 1 ? 'photo' : 'photos';
  const verb = comparison.present === 1 || checked === 1 ? 'is' : 'are';
  return `${count.format(comparison.present)} of ${count.format(checked)} ${noun} ${verb} on the server`;
}

/** "1 file" / "1,234 files". */
export function fileCount(files: number): string {
  return `${count.format(files)} ${files === 1 ? 'file' : 'files'}`;
}
