package org.hearth.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1, the checksum Nextcloud servers and clients exchange in {@code OC-Checksum} and {@code oc:checksums}. */
public final class Sha1 {

	private Sha1() {
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is required by every Java platform", e);
		}
	}

	/** SHA-1 of a few bytes (keys, ids). */
	public static byte[] digest(byte[] bytes) {
		return newDigest().digest(bytes);
	}

	/** Hex SHA-1 of a whole local file, read once in 64 KiB blocks. */
	public static String hex(Path file, TransferListener listener) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				digest.update(buffer, 0, n);
				total += n;
				listener.transferred(total);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}
}
