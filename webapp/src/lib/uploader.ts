/**
 * The upload queue: files (with the folders they came in) go to their destination one after the other, a few at
 * once, with per-file and total progress; a name taken in its folder is settled first (keep both, replace, skip);
 * pausing aborts what is in flight, resuming sends again what is missing. Large files go up in parts through a
 * server-side upload session that survives a reload (the session id is remembered under `resumeKey`). UI-free: the
 * server is reached through an UploadTransport.
 */
import { isChunked, missingChunks, planChunks, resumeKey } from './chunks';
import { keepBothName, type ConflictChoice } from './conflicts';
import { baseName, joinPath, pathSegments } from './paths';

export interface UploadPartState {
  name: string;
  size: number;
}

/** How the queue reaches the server; every call may be aborted through its signal. */
export interface UploadTransport {
  /** Names in a folder; empty when the folder does not exist. */
  names(folder: string): Promise<Set<string>>;
  /** Creates a folder; one that exists already is fine. */
  createFolder(path: string): Promise<void>;
  putFile(path: string, file: Blob, replace: boolean, mtime: number, onProgress: (sent: number) => void, signal: AbortSignal): Promise<void>;
  openUpload(path: string, size: number, signal: AbortSignal): Promise<string>;
  /** The parts the server holds for an upload session, or null when the session is gone. */
  uploadedParts(uploadId: string, signal: AbortSignal): Promise<UploadPartState[] | null>;
  putPart(uploadId: string, part: string, body: Blob, onProgress: (sent: number) => void, signal: AbortSignal): Promise<void>;
  assemble(uploadId: string, replace: boolean, mtime: number, signal: AbortSignal): Promise<void>;
}

/** Where unfinished upload sessions are remembered (localStorage in the browser). */
export interface ResumeStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Settles a taken name; `forAll` applies the choice to the rest of this batch's conflicts. */
export type ConflictResolver = (name: string, folder: string) => Promise<{ choice: ConflictChoice; forAll: boolean }>;

/** A file to upload and its path below the target folder ("a.txt", or "Holidays/2024/a.jpg" from a folder). */
export interface UploadSource {
  file: File;
  relativePath: string;
}

export type UploadStatus = 'queued' | 'uploading' | 'paused' | 'done' | 'skipped' | 'failed';

export interface UploadItem {
  id: number;
  /** Destination within the user's files. */
  path: string;
  size: number;
  sent: number;
  status: UploadStatus;
  replace: boolean;
  error?: string;
}

export interface UploadTotals {
  files: number;
  done: number;
  sent: number;
  size: number;
}

/** Totals over what is or was to be sent (skipped files do not count). */
export function uploadTotals(items: readonly UploadItem[]): UploadTotals {
  const counted = items.filter((item) => item.status !== 'skipped');
  return {
    files: counted.length,
    done: counted.filter((item) => item.status === 'done').length,
    sent: counted.reduce((sum, item) => sum + item.sent, 0),
    size: counted.reduce((sum, item) => sum + item.size, 0),
  };
}

const PARALLEL_FILES = 3;

export class Uploader {
  private readonly queue: { item: UploadItem; file: File }[] = [];
  private readonly inFlight = new Map<number, AbortController>();
  private nextId = 1;
  private paused = false;

  constructor(
    private readonly transport: UploadTransport,
    private readonly store: ResumeStore,
    private readonly resolveConflict: ConflictResolver,
    /** Called after every change of an item, and when a file has arrived (`finished`). */
    private readonly onChange: (finished?: UploadItem) => void,
  ) {}

  get items(): UploadItem[] {
    return this.queue.map(({ item }) => ({ ...item }));
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Queues files for `folder`: creates the folders they came in and settles taken names, then starts sending. */
  async add(folder: string, sources: readonly UploadSource[]): Promise<void> {
    const namesByFolder = new Map<string, Set<string>>();
    const namesIn = async (path: string) => {
      let names = namesByFolder.get(path);
      if (!names) {
        names = await this.transport.names(path);
        namesByFolder.set(path, names);
      }
      return names;
    };
    let choiceForAll: ConflictChoice | null = null;
    for (const source of sources) {
      const relative = pathSegments(source.relativePath);
      let parent = folder;
      for (const segment of relative.slice(0, -1)) {
        const siblings = await namesIn(parent);
        parent = joinPath(parent, segment);
        if (!siblings.has(segment)) {
          await this.transport.createFolder(parent);
          siblings.add(segment);
          namesByFolder.set(parent, new Set());
        }
      }
      const names = await namesIn(parent);
      let name = baseName(source.relativePath);
      let replace = false;
      if (names.has(name)) {
        let choice: ConflictChoice | null = choiceForAll;
        if (choice === null) {
          const answer = await this.resolveConflict(name, parent);
          choice = answer.choice;
          if (answer.forAll) choiceForAll = choice;
        }
        if (choice === 'skip') {
          this.push(joinPath(parent, name), source.file, false, 'skipped');
          continue;
        }
        if (choice === 'replace') replace = true;
        else name = keepBothName(name, names);
      }
      names.add(name);
      this.push(joinPath(parent, name), source.file, replace, this.paused ? 'paused' : 'queued');
    }
    this.pump();
  }

  /** Stops sending: what is in flight is aborted and sent again (only its missing parts) on resume. */
  pause(): void {
    this.paused = true;
    for (const controller of this.inFlight.values()) controller.abort();
    for (const { item } of this.queue) if (item.status === 'queued' || item.status === 'uploading') item.status = 'paused';
    this.onChange();
  }

  /** Sends what was paused, and tries again what failed. */
  resume(): void {
    this.paused = false;
    for (const { item } of this.queue) {
      if (item.status === 'paused' || item.status === 'failed') {
        item.status = 'queued';
        item.error = undefined;
      }
    }
    this.onChange();
    this.pump();
  }

  /** Forgets the files that are done or skipped. */
  clearFinished(): void {
    const keep = this.queue.filter(({ item }) => item.status !== 'done' && item.status !== 'skipped');
    this.queue.splice(0, this.queue.length, ...keep);
    this.onChange();
  }

  private push(path: string, file: File, replace: boolean, status: UploadStatus): void {
    this.queue.push({ item: { id: this.nextId++, path, size: file.size, sent: 0, status, replace }, file });
    this.onChange();
  }

  private pump(): void {
    if (this.paused) return;
    for (const entry of this.queue) {
      if (this.inFlight.size >= PARALLEL_FILES) return;
      if (entry.item.status === 'queued') void this.send(entry);
    }
  }

  private async send({ item, file }: { item: UploadItem; file: File }): Promise<void> {
    const controller = new AbortController();
    this.inFlight.set(item.id, controller);
    item.status = 'uploading';
    this.onChange();
    try {
      if (isChunked(file.size)) await this.sendInParts(item, file, controller.signal);
      else await this.sendWhole(item, file, controller.signal);
      item.sent = item.size;
      item.status = 'done';
      this.onChange(item);
    } catch (e) {
      if (controller.signal.aborted) {
        if (item.status === 'uploading') item.status = 'paused';
      } else {
        item.status = 'failed';
        item.error = e instanceof Error ? e.message : String(e);
      }
      this.onChange();
    } finally {
      this.inFlight.delete(item.id);
      this.pump();
    }
  }

  private sendWhole(item: UploadItem, file: File, signal: AbortSignal): Promise<void> {
    item.sent = 0;
    return this.transport.putFile(item.path, file, item.replace, mtimeOf(file), (sent) => this.progress(item, sent), signal);
  }

  private async sendInParts(item: UploadItem, file: File, signal: AbortSignal): Promise<void> {
    const key = resumeKey(item.path, file.size, file.lastModified);
    let uploadId = this.store.getItem(key);
    let held = uploadId === null ? null : await this.transport.uploadedParts(uploadId, signal);
    if (uploadId === null || held === null) {
      uploadId = await this.transport.openUpload(item.path, file.size, signal);
      this.store.setItem(key, uploadId);
      held = [];
    }
    const missing = missingChunks(planChunks(file.size), held);
    let sent = file.size - missing.reduce((sum, chunk) => sum + chunk.end - chunk.start, 0);
    this.progress(item, sent);
    for (const chunk of missing) {
      await this.transport.putPart(uploadId, chunk.name, file.slice(chunk.start, chunk.end), (partSent) => this.progress(item, sent + partSent), signal);
      sent += chunk.end - chunk.start;
      this.progress(item, sent);
    }
    await this.transport.assemble(uploadId, item.replace, mtimeOf(file), signal);
    this.store.removeItem(key);
  }

  private progress(item: UploadItem, sent: number): void {
    item.sent = Math.min(sent, item.size);
    this.onChange();
  }
}

/** The file's own modification time in epoch seconds, which the server keeps. */
function mtimeOf(file: File): number {
  return Math.floor(file.lastModified / 1000);
}
