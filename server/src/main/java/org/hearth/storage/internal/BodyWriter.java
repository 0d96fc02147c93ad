package org.hearth.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hearth.storage.StorageException;

/**
 * Writes a request body to a file, hashes it with SHA-1 and makes it durable (or, for {@link Durability#LATER}, only
 * starts making it so). A body that fits one buffer is done on the calling thread. A larger one is hashed by a second
 * thread while the caller goes on reading and writing, and every {@link #FLUSH_EVERY} bytes the part written so far
 * is flushed in the background, so the disk works while the network still delivers and the final fsync has little
 * left to do.
 */
final class BodyWriter {

	static final int BUFFER_SIZE = 256 * 1024;

	/** Most uploads are small: the first read uses a small buffer and decides which way to go. */
	private static final int FIRST_BUFFER_SIZE = 16 * 1024;

	private static final int BUFFERS = 4;

	static final long FLUSH_EVERY = 32L * 1024 * 1024;

	private static final ExecutorService BACKGROUND = Executors.newVirtualThreadPerTaskExecutor();

	/** Whether a write returns once its bytes are on disk, or as soon as they are written to the file. */
	enum Durability {
		/** fsync before returning. */
		NOW,
		/**
		 * Return without waiting for the disk; the bytes go to disk in the background, and whoever needs them durable
		 * forces the file later. For the parts of a chunked upload: the disk writes one part while the next arrives.
		 */
		LATER
	}

	/** Files being flushed in the background, so that a file has at most one such flush at a time. */
	private static final Set<Path> FLUSHING = ConcurrentHashMap.newKeySet();

	/** What was written: its length and SHA-1 in hex. */
	record Written(long size, String sha1) {
	}

	private record Part(byte[] data, int length) {

		static final Part END = new Part(new byte[0], -1);
	}

	private BodyWriter() {
	}

	/** Writes all of {@code body} to {@code channel} and forces it to disk; more than {@code maxBytes} is refused. */
	static Written write(InputStream body, FileChannel channel, long maxBytes) throws IOException {
		MessageDigest sha1 = DiskStore.sha1();
		long size = write(body, channel, maxBytes, sha1, Durability.NOW);
		return new Written(size, HexFormat.of().formatHex(sha1.digest()));
	}

	/**
	 * Like {@link #write(InputStream, FileChannel, long)}, but feeds the bytes to {@code sha1}, which may already
	 * hold the bytes before them, and leaves it unfinished, so that the caller can go on hashing what follows.
	 * Returns the number of bytes written. When it fails, {@code sha1} is of no further use: it holds an unknown
	 * part of the body, and may still take more for a moment. With {@link Durability#LATER} the caller starts the
	 * background flush ({@link #flushInBackground}).
	 */
	static long write(InputStream body, FileChannel channel, long maxBytes, MessageDigest sha1, Durability durability)
			throws IOException {
		byte[] first = new byte[FIRST_BUFFER_SIZE];
		int length = fill(body, first);
		if (length < first.length) {
			checkLimit(length, maxBytes);
			sha1.update(first, 0, length);
			writeFully(channel, first, length);
			if (durability == Durability.NOW) {
				channel.force(true);
			}
			return length;
		}
		BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
		BlockingQueue<Part> toHash = new ArrayBlockingQueue<>(BUFFERS + 2);
		for (int i = 0; i < BUFFERS; i++) {
			free.add(new byte[BUFFER_SIZE]);
		}
		CompletableFuture<Void> hashing = CompletableFuture.runAsync(() -> hash(sha1, toHash, free), BACKGROUND);
		CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);
		long size = 0;
		long flushedUpTo = 0;
		boolean ended = false;
		try {
			byte[] buffer = first;
			while (length > 0) {
				size += length;
				checkLimit(size, maxBytes);
				writeFully(channel, buffer, length);
				toHash.put(new Part(buffer, length));
				if (size - flushedUpTo >= FLUSH_EVERY && flushing.isDone()) {
					flushing = CompletableFuture.runAsync(() -> forceQuietly(channel), BACKGROUND);
					flushedUpTo = size;
				}
				buffer = free.take();
				length = fill(body, buffer);
			}
			toHash.put(Part.END);
			ended = true;
			hashing.get();
			flushing.get();
			if (durability == Durability.NOW) {
				channel.force(true);
			}
			return size;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("upload interrupted");
		}
		catch (ExecutionException e) {
			throw new IllegalStateException("hashing failed", e.getCause());
		}
		finally {
			if (!ended) {
				hashing.cancel(true);
				toHash.offer(Part.END);
			}
			flushing.join();
		}
	}

	private static void hash(MessageDigest sha1, BlockingQueue<Part> parts, BlockingQueue<byte[]> free) {
		try {
			for (Part part = parts.take(); part != Part.END; part = parts.take()) {
				sha1.update(part.data(), 0, part.length());
				if (part.data().length == BUFFER_SIZE) {
					free.put(part.data());
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	private static void checkLimit(long size, long maxBytes) {
		if (size > maxBytes) {
			throw new StorageException(StorageException.Reason.INSUFFICIENT_STORAGE, "quota exceeded");
		}
	}

	/** Reads until the buffer is full or the body ends; returns how many bytes it holds. */
	private static int fill(InputStream body, byte[] buffer) throws IOException {
		int length = 0;
		while (length < buffer.length) {
			int n = body.read(buffer, length, buffer.length - length);
			if (n < 0) {
				break;
			}
			length += n;
		}
		return length;
	}

	private static void writeFully(FileChannel channel, byte[] data, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	/**
	 * Writes what {@code file} holds in the page cache to disk on another thread, unless such a flush of it is under
	 * way; whoever needs the file durable still forces it, which then has little left to do.
	 */
	static void flushInBackground(Path file) {
		if (FLUSHING.add(file)) {
			CompletableFuture.runAsync(() -> {
				try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
					channel.force(false);
				}
				catch (IOException e) {
					// the file is gone (the upload was discarded) or the disk fails, which the final force reports
				}
				finally {
					FLUSHING.remove(file);
				}
			}, BACKGROUND);
		}
	}

	/** An early flush only helps; if it fails, the final fsync reports the problem. */
	private static void forceQuietly(FileChannel channel) {
		try {
			channel.force(false);
		}
		catch (IOException e) {
			// the final force(true) of the same channel fails in turn and aborts the upload
		}
	}
}
