package org.hearth.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.hearth.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyWriterTest {

	@TempDir
	Path dir;

	static Stream<Arguments> sizesBothWays() {
		int[] sizes = { 0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, BodyWriter.BUFFER_SIZE,
				BodyWriter.BUFFER_SIZE * 3 + 17, DirectAppender.WRITE_SIZE + 4096, 40 * 1024 * 1024 + 5 };
		return Arrays.stream(sizes).boxed().flatMap(size -> Stream.of(arguments(size, true), arguments(size, false)));
	}

	@ParameterizedTest(name = "{0} bytes, direct writes {1}")
	@MethodSource("sizesBothWays")
	void writesEveryByteAndHashesThem(int size, boolean direct) throws Exception {
		byte[] content = new byte[size];
		new Random(size).nextBytes(content);
		Path file = dir.resolve("f");
		BodyWriter.Written written;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			written = BodyWriter.write(new TrickleStream(content), file, channel, Long.MAX_VALUE, direct);
		}
		assertThat(written.size()).isEqualTo(size);
		assertThat(written.sha1()).isEqualTo(sha1(content));
		assertThat(Files.readAllBytes(file)).isEqualTo(content);
	}

	/** Parts of a chunked upload start anywhere: inside a block, right after a short part, or on a boundary. */
	@ParameterizedTest(name = "direct writes {0}")
	@ValueSource(booleans = { true, false })
	void appendsAtAnyOffsetAndHashesOnFromThere(boolean direct) throws Exception {
		byte[] content = new byte[3_000_000];
		new Random(3).nextBytes(content);
		int[] cuts = { 0, 5_000, 20_000, 1_200_003, 1_200_003 + 4096 * 100, content.length };
		Path file = dir.resolve("stream");
		MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		for (int i = 0; i + 1 < cuts.length; i++) {
			byte[] part = Arrays.copyOfRange(content, cuts[i], cuts[i + 1]);
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
				channel.position(cuts[i]);
				long written = BodyWriter.write(new TrickleStream(part), file, channel, Long.MAX_VALUE, sha1,
						BodyWriter.Durability.LATER, direct);
				assertThat(written).isEqualTo(part.length);
			}
			assertThat(Files.size(file)).as("no padding left after the part ending at %d", cuts[i + 1])
				.isEqualTo(cuts[i + 1]);
		}
		assertThat(Files.readAllBytes(file)).isEqualTo(content);
		assertThat(HexFormat.of().formatHex(sha1.digest())).isEqualTo(sha1(content));
	}

	/** On the file system the build runs on (the data folder's kind: ext4, xfs, btrfs), direct I/O is taken. */
	@Test
	void directIoIsTakenWhereTheFileSystemAllowsIt() throws Exception {
		Path onBuildDisk = Files.createTempDirectory(Path.of("target"), "direct-io-");
		Path file = Files.createFile(onBuildDisk.resolve("f"));
		try (DirectAppender appender = DirectAppender.open(file, 0)) {
			assertThat(appender).as("direct I/O on %s", Files.getFileStore(file).type()).isNotNull();
			byte[] bytes = "odd length".getBytes(StandardCharsets.UTF_8);
			appender.write(bytes, bytes.length);
			appender.finish(bytes.length);
		}
		assertThat(Files.readString(file)).isEqualTo("odd length");
		Files.delete(file);
		Files.delete(onBuildDisk);
	}

	@ParameterizedTest(name = "direct writes {0}")
	@ValueSource(booleans = { true, false })
	void refusesMoreThanAllowedPartWay(boolean direct) throws Exception {
		byte[] content = new byte[BodyWriter.BUFFER_SIZE * 4];
		Path file = dir.resolve("q");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			assertThatThrownBy(() -> BodyWriter.write(new ByteArrayInputStream(content), file, channel,
					BodyWriter.BUFFER_SIZE * 2L, direct))
				.isInstanceOf(StorageException.class)
				.extracting(e -> ((StorageException) e).reason())
				.isEqualTo(StorageException.Reason.INSUFFICIENT_STORAGE);
			assertThat(Files.size(file)).isLessThanOrEqualTo(BodyWriter.BUFFER_SIZE * 2L + 4096);
		}
	}

	@ParameterizedTest(name = "direct writes {0}")
	@ValueSource(booleans = { true, false })
	void failsPromptlyWhenTheBodyBreaksOff(boolean direct) throws Exception {
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
		Path file = dir.resolve("b");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThatThrownBy(() -> BodyWriter.write(broken, file, channel, Long.MAX_VALUE, direct))
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
