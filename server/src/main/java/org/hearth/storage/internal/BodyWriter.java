package org.hearth.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

import org.hearth.storage.StorageException;

/**
 * Writes a request body to a file, hashes it with SHA-1 and makes it durable (or, for {@link Durability#LATER}, only
 * starts making it so). A body that fits one buffer is written on the calling thread through the page cache. A
 * larger one is handed buffer by buffer to a second thread that hashes and writes it while the caller goes on
 * reading from the network. That thread writes with direct I/O when asked to and the file system allows it ({@link
 * DirectAppender}, ADR 0013); elsewhere it writes through the page cache and flushes every {@link #FLUSH_EVERY}
 * bytes in the background, so the final fsync has little left to do.
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
		 * Return without waiting for the disk; bytes still in the page cache go to disk in the background, and
		 * whoever needs them durable forces the file later. For the parts of a chunked upload: the disk writes one
		 * part while the next arrives.
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

	/**
	 * Writes all of {@code body} to {@code file}, open as {@code channel} at its start, and forces it to disk; more
	 * than {@code maxBytes} is refused.
	 */
	static Written write(InputStream body, Path file, FileChannel channel, long maxBytes, boolean direct)
			throws IOException {
		MessageDigest sha1 = DiskStore.sha1();
		long size = write(body, file, channel, maxBytes, sha1, Durability.NOW, direct);
		return new Written(size, HexFormat.of().formatHex(sha1.digest()));
	}

	/**
	 * Like {@link #write(InputStream, Path, FileChannel, long, boolean)}, but from wherever {@code channel} stands
	 * (its end), feeding the bytes to {@code sha1}, which may already hold the bytes before them, and leaving it
	 * unfinished, so that the caller can go on hashing what follows. Returns the number of bytes written. When it fails,
	 * {@code sha1} is of no further use (it holds an unknown part of the body) and the file may hold part of the
	 * body, or up to a block more: the caller cuts it back.
	 */
	static long write(InputStream body, Path file, FileChannel channel, long maxBytes, MessageDigest sha1,
			Durability durability, boolean direct) throws IOException {
		byte[] first = new byte[FIRST_BUFFER_SIZE];
		int length = fill(body, first);
		if (length < first.length) {
			checkLimit(length, maxBytes);
			sha1.update(first, 0, length);
			writeFully(channel, first, length);
			if (durability == Durability.NOW) {
				channel.force(true);
			}
			else {
				flushInBackground(file);
			}
			return length;
		}
		long offset = channel.position();
		DirectAppender appender = direct ? DirectAppender.open(file, offset) : null;
		try {
			Sink sink = appender != null ? new DirectSink(appender) : new CachedSink(file, channel);
			long size = pipe(body, first, length, maxBytes, sha1, sink);
			sink.finish(offset + size, durability);
			return size;
		}
		finally {
			if (appender != null) {
				appender.close();
			}
		}
	}

	/**
	 * Reads the body on this thread and hands each buffer to another that hashes it and writes it to the sink;
	 * returns once both are done.
	 */
	private static long pipe(InputStream body, byte[] first, int firstLength, long maxBytes, MessageDigest sha1,
			Sink sink) throws IOException {
		BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
		BlockingQueue<Part> parts = new ArrayBlockingQueue<>(BUFFERS + 2);
		for (int i = 0; i < BUFFERS; i++) {
			free.add(new byte[BUFFER_SIZE]);
		}
		CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> hashAndWrite(sha1, sink, parts, free),
				BACKGROUND);
		long size = 0;
		boolean ended = false;
		try {
			byte[] buffer = first;
			int length = firstLength;
			while (length > 0) {
				size += length;
				checkLimit(size, maxBytes);
				parts.put(new Part(buffer, length));
				buffer = nextFree(free, worker);
				length = fill(body, buffer);
			}
			parts.put(Part.END);
			ended = true;
			worker.get();
			return size;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("upload interrupted");
		}
		catch (ExecutionException e) {
			throw rethrow(e.getCause());
		}
		finally {
			if (!ended) {
				// the worker must be done with the file before the caller cuts it back
				parts.offer(Part.END);
				worker.exceptionally(failure -> null).join();
			}
		}
	}

	/** A free buffer, or the worker's failure as soon as it has failed. */
	private static byte[] nextFree(BlockingQueue<byte[]> free, CompletableFuture<Void> worker)
			throws IOException, InterruptedException {
		while (true) {
			byte[] buffer = free.poll(50, TimeUnit.MILLISECONDS);
			if (buffer != null) {
				return buffer;
			}
			if (worker.isCompletedExceptionally()) {
				try {
					worker.get();
				}
				catch (ExecutionException e) {
					throw rethrow(e.getCause());
				}
			}
		}
	}

	private static void hashAndWrite(MessageDigest sha1, Sink sink, BlockingQueue<Part> parts,
			BlockingQueue<byte[]> free) {
		try {
			for (Part part = parts.take(); part != Part.END; part = parts.take()) {
				sha1.update(part.data(), 0, part.length());
				sink.write(part.data(), part.length());
				if (part.data().length == BUFFER_SIZE) {
					free.put(part.data());
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	private static IOException rethrow(Throwable failure) {
		if (failure instanceof UncheckedIOException io) {
			return io.getCause();
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		return new IOException("writing failed", failure);
	}

	/** Where the worker puts the bytes. */
	private interface Sink {

		void write(byte[] data, int length) throws IOException;

		/** After the last write: the body ended at {@code end} in the file. */
		void finish(long end, Durability durability) throws IOException;
	}

	private record DirectSink(DirectAppender appender) implements Sink {

		@Override
		public void write(byte[] data, int length) throws IOException {
			appender.write(data, length);
		}

		@Override
		public void finish(long end, Durability durability) throws IOException {
			appender.finish(end);
			// the bytes are on the disk already; LATER leaves only the new length to the caller's final fsync
			if (durability == Durability.NOW) {
				appender.force();
			}
		}
	}

	/** Through the page cache, flushing what was written so far in the background every {@link #FLUSH_EVERY}. */
	private static final class CachedSink implements Sink {

		private final Path file;

		private final FileChannel channel;

		private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

		private long written;

		private long flushedUpTo;

		CachedSink(Path file, FileChannel channel) {
			this.file = file;
			this.channel = channel;
		}

		@Override
		public void write(byte[] data, int length) throws IOException {
			writeFully(channel, data, length);
			written += length;
			if (written - flushedUpTo >= FLUSH_EVERY && flushing.isDone()) {
				flushing = CompletableFuture.runAsync(() -> forceQuietly(channel), BACKGROUND);
				flushedUpTo = written;
			}
		}

		@Override
		public void finish(long end, Durability durability) throws IOException {
			flushing.join();
			if (durability == Durability.NOW) {
				channel.force(true);
			}
			else {
				flushInBackground(file);
			}
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
	private static void flushInBackground(Path file) {
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
