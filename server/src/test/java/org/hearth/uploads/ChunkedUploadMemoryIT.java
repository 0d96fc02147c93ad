package org.hearth.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.hearth.crash.ServerProcess;
import org.hearth.testing.DavClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Assembly streams: the packaged server, started with a heap far smaller than the file, assembles 300 MiB from
 * 10 MiB parts, and the stored file has the parts' bytes. Holding the file (or even a few parts) in memory would
 * end in OutOfMemoryError.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChunkedUploadMemoryIT {

	private static final int CHUNK = 10 * 1024 * 1024;

	private static final int CHUNKS = 30;

	@Test
	void assemblesAFileManyTimesTheHeapFromTenMegabyteParts() throws Exception {
		ServerProcess server = ServerProcess.create("chunked-96m").maxHeap("96m");
		try {
			uploadInParts(server.start());
		}
		finally {
			server.close();
			server.deleteDataDir();
		}
	}

	private static void uploadInParts(ServerProcess server) throws Exception {
		String password = "pw-chunked-upload";
		assertThat(server.adminPost("/api/admin/users",
				"{\"username\":\"big\",\"password\":\"" + password + "\",\"quotaBytes\":-1}").statusCode())
			.isEqualTo(201);
		DavClient user = new DavClient(server.baseUrl(), "big", password);
		String session = server.baseUrl() + "/remote.php/dav/uploads/big/300mib";
		long total = (long) CHUNK * CHUNKS;
		assertThat(user.send(user.request("MKCOL", session, null).header("OC-Total-Length", String.valueOf(total)))
			.statusCode()).isEqualTo(201);
		MessageDigest sent = MessageDigest.getInstance("SHA-1");
		for (int i = 0; i < CHUNKS; i++) {
			byte[] part = bytes(i, CHUNK);
			sent.update(part);
			var put = user.send(user.request("PUT", session + "/" + String.format("%016d", i), null)
				.method("PUT", HttpRequest.BodyPublishers.ofByteArray(part)));
			assertThat(put.statusCode()).as("part %d: %s", i, put.body()).isEqualTo(201);
		}
		String sha1 = HexFormat.of().formatHex(sent.digest());

		var moved = user.send(user.request("MOVE", session + "/.file", null)
			.header("Destination", user.url("big.bin"))
			.header("OC-Total-Length", String.valueOf(total))
			.header("OC-Checksum", "SHA1:" + sha1));
		assertThat(moved.statusCode()).as("MOVE: %s; server log:%n%s", moved.body(), server.logTail(30))
			.isEqualTo(201);
		assertThat(server.isAlive()).isTrue();
		assertThat(server.logText()).doesNotContain("OutOfMemoryError");
		Path stored = server.homeDir("big").resolve("big.bin");
		assertThat(Files.size(stored)).isEqualTo(total);
		assertThat(sha1(stored)).isEqualTo(sha1);
		assertThat(user.send(user.request("PROPFIND", session, null).header("Depth", "0")).statusCode())
			.isEqualTo(404);
	}

	private static byte[] bytes(long seed, int length) {
		byte[] bytes = new byte[length];
		new SplittableRandom(seed).nextBytes(bytes);
		return bytes;
	}

	private static String sha1(Path file) throws Exception {
		MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		byte[] buffer = new byte[1024 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
				sha1.update(buffer, 0, n);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return HexFormat.of().formatHex(sha1.digest());
	}
}
