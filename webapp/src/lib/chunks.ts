/**
 * Planning of chunked uploads: files above CHUNKED_ABOVE bytes go up in numbered parts of CHUNK_SIZE bytes, so an
 * interrupted upload sends only the parts the server does not hold yet.
 */

export const CHUNKED_ABOVE = 10 * 1024 * 1024;
export const CHUNK_SIZE = 10 * 1024 * 1024;

export interface Chunk {
  /** The part's name on the server: its number, from 1 (the server assembles in natural order). */
  name: string;
  start: number;
  /** Exclusive. */
  end: number;
}

export function isChunked(size: number): boolean {
  return size > CHUNKED_ABOVE;
}

/** The parts of a file of `size` bytes, in order; the last one may be shorter. */
export function planChunks(size: number, chunkSize = CHUNK_SIZE): Chunk[] {
  if (!(chunkSize > 0)) throw new RangeError('chunk size must be positive');
  const chunks: Chunk[] = [];
  for (let start = 0, n = 1; start < size; start += chunkSize, n++) {
    chunks.push({ name: String(n), start, end: Math.min(size, start + chunkSize) });
  }
  return chunks;
}

/** The planned parts the server does not hold whole: missing, or of another size (cut off by an interruption). */
export function missingChunks(plan: readonly Chunk[], held: readonly { name: string; size: number }[]): Chunk[] {
  const sizes = new Map(held.map((part) => [part.name, part.size]));
  return plan.filter((chunk) => sizes.get(chunk.name) !== chunk.end - chunk.start);
}

/**
 * Where an unfinished chunked upload is remembered (localStorage), so that adding the same file again, even after
 * a reload, resumes it: same destination, size and modification time.
 */
export function resumeKey(path: string, size: number, lastModified: number): string {
  return `hearth.upload:${path}:${size}:${lastModified}`;
}
