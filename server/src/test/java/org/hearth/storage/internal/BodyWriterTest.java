package org.hearth.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import org.hearth.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyWriterTest {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, BodyWriter.BUFFER_SIZE,
			BodyWriter.BUFFER_SIZE * 3 + 17, 40 * 1024 * 1024 + 5 })
	void writesEveryByteAndHashesThem(int size) throws Exception {
		byte[] content = new byte[size];
		new Random(size).nextBytes(content);
		Path file = dir.resolve("f");
		BodyWriter.Written written;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			written = BodyWriter.write(new TrickleStream(content), channel, Long.MAX_VALUE);
		}
		assertThat(written.size()).isEqualTo(size);
		assertThat(written.sha1()).isEqualTo(sha1(content));
		assertThat(Files.readAllBytes(file)).isEqualTo(content);
	}

	@Test
	void refusesMoreThanAllowedPartWay() throws Exception {
		byte[] content = new byte[BodyWriter.BUFFER_SIZE * 4];
		try (FileChannel channel = FileChannel.open(dir.resolve("q"), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			assertThatThrownBy(() -> BodyWriter.write(new ByteArrayInputStream(content), channel,
					BodyWriter.BUFFER_SIZE * 2L))
				.isInstanceOf(StorageException.class)
				.extracting(e -> ((StorageException) e).reason())
				.isEqualTo(StorageException.Reason.INSUFFICIENT_STORAGE);
			assertThat(channel.size()).isLessThanOrEqualTo(BodyWriter.BUFFER_SIZE * 2L);
		}
	}

	@Test
	void failsPromptlyWhenTheBodyBreaksOff() throws Exception {
		byte[] content = new byte[BodyWriter.BUFFER_SIZE * 3];
		InputStream broken = new TrickleStream(content) {
			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				if (position() > BodyWriter.BUFFER_SIZE * 2) {
					throw new IOException("connection reset");
				}
				return super.read(b, off, len);
			}
		};
		try (FileChannel channel = FileChannel.open(dir.resolve("b"), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatThrownBy(() -> BodyWriter.write(broken, channel, Long.MAX_VALUE))
						.isInstanceOf(IOException.class)
						.hasMessage("connection reset"));
		}
	}

	private static String sha1(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
	}

	/** Delivers at most 7,000 bytes per read, as a socket does, so buffers fill over several reads. */
	private static class TrickleStream extends InputStream {

		private final byte[] content;

		private int position;

		TrickleStream(byte[] content) {
			this.content = content;
		}

		int position() {
			return position;
		}

		@Override
		public int read() {
			return position < content.length ? content[position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (position >= content.length) {
				return -1;
			}
			int n = Math.min(Math.min(len, 7_000), content.length - position);
			System.arraycopy(content, position, b, off, n);
			position += n;
			return n;
		}
	}
}
