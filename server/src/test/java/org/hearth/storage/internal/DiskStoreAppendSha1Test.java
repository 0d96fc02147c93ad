package org.hearth.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.hearth.platform.HearthProperties;
import org.hearth.storage.StorageProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiskStore#link} takes the SHA-1 that {@link DiskStore#append} kept when every append continued where the
 * last one ended, and reads the file otherwise; either way the SHA-1 is the one of the file's bytes.
 */
class DiskStoreAppendSha1Test {

	@TempDir
	Path dataDir;

	private DiskStore disk;

	private Path stream;

	private final byte[] content = new byte[3 * BodyWriter.BUFFER_SIZE + 12_345];

	@BeforeEach
	void setUp() throws IOException {
		disk = newDiskStore();
		stream = Files.createDirectories(dataDir.resolve("area")).resolve("stream");
		new Random(42).nextBytes(content);
	}

	@Test
	void partsAppendedInTurnAreNotReadAgain() {
		appendInParts(content, 5);

		assertThat(linkedSha1(disk)).isEqualTo(sha1(content));
		assertThat(disk.linksHashedByReading()).as("files read to hash them").isZero();
	}

	@Test
	void aFailedAppendLeavesTheKeptSha1ValidForTheRetry() {
		int half = content.length / 2;
		disk.append(stream, 0, new ByteArrayInputStream(content, 0, half), Long.MAX_VALUE);
		assertThatThrownBy(() -> disk.append(stream, half, new BrokenAfter(content, half, 70_000), Long.MAX_VALUE))
			.isInstanceOf(UncheckedIOException.class);
		disk.append(stream, half, new ByteArrayInputStream(content, half, content.length - half), Long.MAX_VALUE);

		assertThat(linkedSha1(disk)).isEqualTo(sha1(content));
		assertThat(disk.linksHashedByReading()).isZero();
	}

	@Test
	void aTailCutOffBeforeTheNextAppendDoesNotCount() throws IOException {
		int half = content.length / 2;
		disk.append(stream, 0, new ByteArrayInputStream(content, 0, half), Long.MAX_VALUE);
		// what a crash halfway through the next append leaves, as the next start finds it
		Files.write(stream, new byte[9_999], StandardOpenOption.APPEND);
		disk.truncate(stream, half);
		disk.append(stream, half, new ByteArrayInputStream(content, half, content.length - half), Long.MAX_VALUE);

		assertThat(linkedSha1(disk)).isEqualTo(sha1(content));
		assertThat(disk.linksHashedByReading()).isZero();
	}

	@Test
	void aFileCutShorterThanWhatWasHashedIsRead() {
		appendInParts(content, 2);
		disk.truncate(stream, 1_000);

		assertThat(linkedSha1(disk)).isEqualTo(sha1(Arrays.copyOf(content, 1_000)));
		assertThat(disk.linksHashedByReading()).isOne();
	}

	@Test
	void bytesWrittenPastTheHashedOnesAreRead() throws IOException {
		appendInParts(content, 2);
		Files.write(stream, new byte[] { 1, 2, 3 }, StandardOpenOption.APPEND);

		byte[] whole = Arrays.copyOf(content, content.length + 3);
		System.arraycopy(new byte[] { 1, 2, 3 }, 0, whole, content.length, 3);
		assertThat(linkedSha1(disk)).isEqualTo(sha1(whole));
		assertThat(disk.linksHashedByReading()).isOne();
	}

	@Test
	void anAppendElsewhereThanTheEndForgetsTheSha1() {
		appendInParts(content, 2);
		disk.append(stream, 100, new ByteArrayInputStream(content, 100, content.length - 100), Long.MAX_VALUE);

		assertThat(linkedSha1(disk)).isEqualTo(sha1(content));
		assertThat(disk.linksHashedByReading()).isOne();
	}

	@Test
	void afterARestartBetweenPartsTheFileIsRead() {
		int half = content.length / 2;
		disk.append(stream, 0, new ByteArrayInputStream(content, 0, half), Long.MAX_VALUE);
		DiskStore restarted = newDiskStore();
		restarted.append(stream, half, new ByteArrayInputStream(content, half, content.length - half),
				Long.MAX_VALUE);

		assertThat(linkedSha1(restarted)).isEqualTo(sha1(content));
		assertThat(restarted.linksHashedByReading()).isOne();
	}

	@Test
	void aDeletedFileLeavesNothingBehindForOneOfTheSameName() throws IOException {
		appendInParts(content, 2);
		disk.delete(stream.getParent());
		byte[] other = content.clone();
		other[0]++;
		Files.write(Files.createDirectories(stream.getParent()).resolve(stream.getFileName()), other);

		assertThat(linkedSha1(disk)).isEqualTo(sha1(other));
		assertThat(disk.linksHashedByReading()).isOne();
	}

	private DiskStore newDiskStore() {
		return new DiskStore(new HearthProperties(dataDir, "test"), new StorageProperties(true));
	}

	private void appendInParts(byte[] bytes, int parts) {
		int partSize = bytes.length / parts + 1;
		for (int from = 0; from < bytes.length; from += partSize) {
			int length = Math.min(partSize, bytes.length - from);
			disk.append(stream, from, new ByteArrayInputStream(bytes, from, length), Long.MAX_VALUE);
		}
	}

	private String linkedSha1(DiskStore store) {
		DiskStore.Received received = store.link(stream, Long.MAX_VALUE);
		try {
			return received.sha1();
		}
		finally {
			store.discard(received);
		}
	}

	private static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The bytes from {@code offset}, then a broken connection after {@code limit} of them. */
	private static final class BrokenAfter extends InputStream {

		private final InputStream bytes;

		private int left;

		BrokenAfter(byte[] content, int offset, int limit) {
			this.bytes = new ByteArrayInputStream(content, offset, content.length - offset);
			this.left = limit;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (left <= 0) {
				throw new IOException("connection reset");
			}
			int n = bytes.read(buffer, offset, Math.min(length, left));
			left -= n;
			return n;
		}
	}
}
