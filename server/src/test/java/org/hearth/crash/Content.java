package org.hearth.crash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Reproducible test content, SHA-1 helpers and a slow, abortable body for long uploads. */
final class Content {

	private Content() {
	}

	/** {@code length} pseudo-random bytes determined by {@code seed}. */
	static byte[] bytes(long seed, int length) {
		byte[] bytes = new byte[length];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

	/** Content of file number {@code i} of a generated tree: 64 to 2,047 bytes. */
	static byte[] smallFile(long seed, int i) {
		long fileSeed = seed * 1_000_003L + i;
		return bytes(fileSeed, 64 + new SplittableRandom(fileSeed ^ 0x5DEECE66DL).nextInt(1984));
	}

	static String sha1(byte[] bytes) {
		return HexFormat.of().formatHex(digest().digest(bytes));
	}

	static String sha1(Path file) {
		MessageDigest sha1 = digest();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) != -1) {
				sha1.update(buffer, 0, n);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return HexFormat.of().formatHex(sha1.digest());
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * {@code length} bytes of a repeating pseudo-random pattern at no more than {@code bytesPerSecond}; once
	 * {@link #abort()}ed every read fails, so an HTTP client pumping it cannot hang on it.
	 */
	static final class SlowBody extends InputStream {

		private final long length;

		private final long bytesPerSecond;

		private final byte[] pattern = bytes(42, 64 * 1024);

		private final long started = System.nanoTime();

		private long sent;

		private volatile boolean aborted;

		SlowBody(long length, long bytesPerSecond) {
			this.length = length;
			this.bytesPerSecond = bytesPerSecond;
		}

		void abort() {
			aborted = true;
		}

		long sent() {
			return sent;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int len) throws IOException {
			if (aborted) {
				throw new IOException("upload aborted by the test");
			}
			if (sent >= length) {
				return -1;
			}
			long dueNanos = (long) (sent * 1e9 / bytesPerSecond);
			long aheadNanos = dueNanos - (System.nanoTime() - started);
			if (aheadNanos > 0) {
				try {
					Thread.sleep(aheadNanos / 1_000_000, (int) (aheadNanos % 1_000_000));
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", e);
				}
			}
			int n = (int) Math.min(Math.min(len, length - sent), 16 * 1024);
			int start = (int) (sent % pattern.length);
			n = Math.min(n, pattern.length - start);
			System.arraycopy(pattern, start, buffer, offset, n);
			sent += n;
			return n;
		}
	}
}
