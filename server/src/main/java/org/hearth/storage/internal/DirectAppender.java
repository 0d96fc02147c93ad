package org.hearth.storage.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * Appends bytes to a file with direct I/O ({@code O_DIRECT}): they go from an aligned buffer to the disk without
 * passing through the page cache. For a big upload the page cache only costs: every byte would be copied into
 * freshly allocated cache pages, then written out anyway by the fsync that comes before the answer (ADR 0013).
 *
 * <p>Direct I/O moves whole blocks at block-aligned offsets. An append that starts inside a block first reads that
 * block's head back from the file; the last, partial block is written padded with zeros and the file is then cut to
 * its true length. Until that cut (or after a crash before it) the file may be up to one block longer than what was
 * appended; callers that record lengths (the upload manifest) cut it back themselves.
 */
final class DirectAppender implements Closeable {

	/** Bytes gathered before each write; large writes keep the disk streaming. */
	static final int WRITE_SIZE = 1024 * 1024;

	private final FileChannel channel;

	private final int block;

	private final ByteBuffer buffer;

	/** Where the buffer's first byte goes in the file; always block-aligned. */
	private long bufferStart;

	private DirectAppender(FileChannel channel, int block, long offset) throws IOException {
		this.channel = channel;
		this.block = block;
		this.buffer = ByteBuffer.allocateDirect(WRITE_SIZE + block).alignedSlice(block);
		int head = (int) (offset % block);
		this.bufferStart = offset - head;
		if (head > 0) {
			buffer.limit(block);
			while (buffer.position() < head && channel.read(buffer, bufferStart + buffer.position()) > 0) {
				// the block holding the offset is read back whole (or up to the end of the file)
			}
			if (buffer.position() < head) {
				throw new IOException("the file ends before the append offset " + offset);
			}
			buffer.limit(buffer.capacity()).position(head);
		}
	}

	/**
	 * Opens {@code file} for direct appends at {@code offset}; empty when the file system does not do direct I/O
	 * (tmpfs, some network and FUSE file systems), and then the caller writes through the page cache.
	 */
	static DirectAppender open(Path file, long offset) {
		FileChannel channel = null;
		try {
			int block = Math.toIntExact(Files.getFileStore(file).getBlockSize());
			if (block <= 0 || WRITE_SIZE % block != 0) {
				return null;
			}
			channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
					ExtendedOpenOption.DIRECT);
			return new DirectAppender(channel, block, offset);
		}
		catch (IOException | UnsupportedOperationException | ArithmeticException e) {
			closeQuietly(channel);
			return null;
		}
	}

	/** Appends {@code length} bytes of {@code data}; full buffers are written at once. */
	void write(byte[] data, int length) throws IOException {
		int done = 0;
		while (done < length) {
			int n = Math.min(length - done, buffer.remaining());
			buffer.put(data, done, n);
			done += n;
			if (!buffer.hasRemaining()) {
				writeBuffer();
			}
		}
	}

	/** Writes what is left, padded to a block, and cuts the file to {@code end}, the true end of the append. */
	void finish(long end) throws IOException {
		if (buffer.position() > 0) {
			int used = buffer.position();
			int padded = (used + block - 1) / block * block;
			while (buffer.position() < padded) {
				buffer.put((byte) 0);
			}
			buffer.limit(padded);
			writeBuffer();
		}
		channel.truncate(end);
	}

	void force() throws IOException {
		channel.force(true);
	}

	private void writeBuffer() throws IOException {
		buffer.flip();
		int length = buffer.limit();
		while (buffer.hasRemaining()) {
			channel.write(buffer, bufferStart + buffer.position());
		}
		bufferStart += length;
		buffer.clear();
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException e) {
				// nothing was written through it
			}
		}
	}
}
