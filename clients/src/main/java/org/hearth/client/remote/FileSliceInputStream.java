package org.hearth.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * {@code length} bytes of a file from {@code offset}, read with direct I/O ({@code O_DIRECT}) where the file system
 * allows it. A chunk of a big file is read once and sent; passing it through the page cache would only cost fresh
 * cache pages for every byte and push the user's other files out of memory. Direct reads wait for the disk, so the
 * next megabyte is read ahead on another thread while the caller sends this one. Where direct I/O is refused, the
 * slice is read through the page cache.
 */
final class FileSliceInputStream extends InputStream {

	private static final int READ_SIZE = 1024 * 1024;

	private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

	private final FileChannel channel;

	/** The bytes being handed out. */
	private ByteBuffer buffer;

	/** The other buffer, which the read ahead fills. */
	private ByteBuffer spare;

	/** The read of the block range after {@link #buffer}, under way while the caller sends this one; or null. */
	private CompletableFuture<Integer> ahead;

	/** Where the next direct read starts in the file; block-aligned. */
	private long nextRead;

	private final long sliceStart;

	/** Where the slice ends in the file; nothing is read ahead beyond it. */
	private final long sliceEnd;

	/** Takes the slice's bytes in order, on the reading thread, so hashing does not hold up sending; or null. */
	private final MessageDigest digest;

	private long remaining;

	/** A direct read comes back short only at the end of the file. */
	private boolean atEnd;

	private FileSliceInputStream(FileChannel channel, int block, long offset, long length, MessageDigest digest)
			throws IOException {
		this.channel = channel;
		this.digest = digest;
		this.sliceStart = offset;
		this.buffer = ByteBuffer.allocateDirect(READ_SIZE + block).alignedSlice(block);
		this.spare = ByteBuffer.allocateDirect(READ_SIZE + block).alignedSlice(block);
		int skip = (int) (offset % block);
		this.nextRead = offset - skip;
		this.sliceEnd = offset + length;
		this.remaining = length;
		buffer.limit(0);
		if (skip > 0 && refill()) {
			buffer.position(Math.min(skip, buffer.limit()));
		}
	}

	/**
	 * The slice as a stream; {@code digest}, when not null, is fed each byte of the slice as it is read, so that once
	 * the stream has been read to its end the digest has taken exactly the bytes handed out.
	 */
	static InputStream open(Path file, long offset, long length, MessageDigest digest) throws IOException {
		FileChannel direct = null;
		try {
			int block = Math.toIntExact(Files.getFileStore(file).getBlockSize());
			if (block > 0 && READ_SIZE % block == 0) {
				direct = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
				return new FileSliceInputStream(direct, block, offset, length, digest);
			}
		}
		catch (IOException | UnsupportedOperationException | ArithmeticException e) {
			if (direct != null) {
				direct.close();
			}
		}
		InputStream plain = new BoundedInputStream(Channels.newInputStream(FileChannel.open(file).position(offset)),
				length);
		return digest == null ? plain : new DigestInputStream(plain, digest);
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (remaining <= 0 || (!buffer.hasRemaining() && !refill())) {
			return -1;
		}
		int n = (int) Math.min(Math.min(length, buffer.remaining()), remaining);
		buffer.get(target, offset, n);
		remaining -= n;
		return n;
	}

	/**
	 * Makes the next block range the current buffer, from the read ahead when one is under way, and starts reading
	 * the range after it, so the disk works while the caller hashes and sends; false at the end of the file.
	 */
	private boolean refill() throws IOException {
		if (ahead == null) {
			startReadAhead();
		}
		int n = awaitReadAhead();
		ByteBuffer filled = spare;
		spare = buffer;
		buffer = filled;
		if (n <= 0) {
			buffer.limit(0);
			return false;
		}
		buffer.flip();
		if (!atEnd && nextRead < sliceEnd) {
			startReadAhead();
		}
		return true;
	}

	private void startReadAhead() {
		ByteBuffer target = spare.clear();
		long position = nextRead;
		ahead = atEnd ? CompletableFuture.completedFuture(-1) : CompletableFuture.supplyAsync(() -> {
			try {
				int n = channel.read(target, position);
				hashSlicePart(target, position, n);
				return n;
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, READERS);
	}

	/** Feeds the digest the part of {@code n} bytes read at {@code position} that lies within the slice. */
	private void hashSlicePart(ByteBuffer read, long position, int n) {
		long from = Math.max(position, sliceStart);
		long to = Math.min(position + n, sliceEnd);
		if (digest != null && to > from) {
			digest.update(read.duplicate().limit((int) (to - position)).position((int) (from - position)));
		}
	}

	private int awaitReadAhead() throws IOException {
		try {
			int n = ahead.join();
			ahead = null;
			if (n > 0) {
				atEnd = n < spare.capacity();
				nextRead += n;
			}
			return n;
		}
		catch (CompletionException e) {
			ahead = null;
			throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
					: new IOException("reading ahead failed", e.getCause());
		}
	}

	@Override
	public void close() throws IOException {
		if (ahead != null) {
			// the read ahead uses the channel and a buffer of ours: let it end first
			ahead.exceptionally(failure -> -1).join();
		}
		channel.close();
	}
}
