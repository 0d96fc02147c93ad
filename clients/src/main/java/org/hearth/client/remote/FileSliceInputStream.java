package org.hearth.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * {@code length} bytes of a file from {@code offset}, read with direct I/O ({@code O_DIRECT}) where the file system
 * allows it. A chunk of a big file is read once and sent; passing it through the page cache would only cost fresh
 * cache pages for every byte and push the user's other files out of memory. Where direct I/O is refused, the slice
 * is read through the page cache.
 */
final class FileSliceInputStream extends InputStream {

	private static final int READ_SIZE = 1024 * 1024;

	private final FileChannel channel;

	private final ByteBuffer buffer;

	/** Where the next direct read starts in the file; block-aligned. */
	private long nextRead;

	private long remaining;

	/** A direct read comes back short only at the end of the file. */
	private boolean atEnd;

	private FileSliceInputStream(FileChannel channel, int block, long offset, long length) throws IOException {
		this.channel = channel;
		this.buffer = ByteBuffer.allocateDirect(READ_SIZE + block).alignedSlice(block);
		int skip = (int) (offset % block);
		this.nextRead = offset - skip;
		this.remaining = length;
		buffer.limit(0);
		if (skip > 0 && refill()) {
			buffer.position(Math.min(skip, buffer.limit()));
		}
	}

	static InputStream open(Path file, long offset, long length) throws IOException {
		FileChannel direct = null;
		try {
			int block = Math.toIntExact(Files.getFileStore(file).getBlockSize());
			if (block > 0 && READ_SIZE % block == 0) {
				direct = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
				return new FileSliceInputStream(direct, block, offset, length);
			}
		}
		catch (IOException | UnsupportedOperationException | ArithmeticException e) {
			if (direct != null) {
				direct.close();
			}
		}
		return new BoundedInputStream(Channels.newInputStream(FileChannel.open(file).position(offset)), length);
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

	/** Reads the next aligned block range; false at the end of the file. */
	private boolean refill() throws IOException {
		buffer.clear();
		int n = atEnd ? -1 : channel.read(buffer, nextRead);
		if (n <= 0) {
			buffer.limit(0);
			return false;
		}
		atEnd = n < buffer.capacity();
		nextRead += n;
		buffer.flip();
		return true;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
