package org.hearth.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSliceInputStreamTest {

	private static final int SIZE = 3 * 1024 * 1024 + 777;

	private static final byte[] CONTENT = new byte[SIZE];

	/** Under target/, on the disk the build runs on, where direct I/O works (unlike some /tmp mounts). */
	private static Path dir;

	private static Path file;

	@BeforeAll
	static void writeFile() throws Exception {
		new Random(11).nextBytes(CONTENT);
		dir = Files.createTempDirectory(Path.of("target"), "slices-");
		file = Files.write(dir.resolve("big.bin"), CONTENT);
	}

	@AfterAll
	static void removeFile() throws Exception {
		Files.delete(file);
		Files.delete(dir);
	}

	@ParameterizedTest(name = "{1} bytes from {0}")
	@CsvSource({ "0,0", "0,1", "0,4096", "1,4095", "4095,2", "4096,1048576", "10000000,0", "1048579,1048576",
			"100,3146417", "0,3146505", "3145000,5000", "1234567,99999999" })
	void aSliceHoldsExactlyItsBytes(long offset, long length) throws Exception {
		byte[] expected = Arrays.copyOfRange(CONTENT, (int) Math.min(offset, SIZE),
				(int) Math.min(offset + length, SIZE));
		MessageDigest digest = MessageDigest.getInstance("SHA-1");
		try (InputStream in = FileSliceInputStream.open(file, offset, length, digest)) {
			assertThat(in).as("direct I/O on %s", Files.getFileStore(file).type())
				.isInstanceOf(FileSliceInputStream.class);
			assertThat(readInOddPieces(in)).isEqualTo(expected);
		}
		assertThat(digest.digest()).as("SHA-1 of exactly the slice")
			.isEqualTo(MessageDigest.getInstance("SHA-1").digest(expected));
	}

	/** Reads as HttpClient does, in pieces that do not match the slice's internal buffer. */
	private static byte[] readInOddPieces(InputStream in) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] piece = new byte[16_385];
		for (int n = in.read(piece); n >= 0; n = in.read(piece)) {
			out.write(piece, 0, n);
		}
		return out.toByteArray();
	}
}
