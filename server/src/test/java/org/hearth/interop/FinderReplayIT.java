package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.UrlPaths;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Replays what macOS Finder's webdavfs sends (network-drives.md §2): PUT bodies in chunked transfer encoding with
 * the size in {@code X-Expected-Entity-Length}, names in NFD, AppleDouble {@code ._name} files and {@code .DS_Store},
 * LOCK with the token read from the body, and the quota Finder shows as free space. The PUTs go over a raw socket so
 * the request is exactly what Finder sends: no Content-Length, chunks of uneven size.
 */
class FinderReplayIT extends HearthIT {

	static final String USER_AGENT = "WebDAVFS/3.0.0 (03008000) Darwin/22.1.0 (x86_64)";

	/** "Café.bin" decomposed: 'e' followed by U+0301 COMBINING ACUTE ACCENT, as Finder sends it. */
	static final String NFD_NAME = "Cafe\u0301.bin";

	static final String NFC_NAME = "Caf\u00e9.bin";

	@Test
	void chunkedPutWithExpectedLengthStoresEveryByteUnderTheNfcName() {
		DavClient user = newUser("finder");
		var options = ServerTree.send(user.request("OPTIONS", user.url(""), null).header("User-Agent", USER_AGENT));
		assertThat(options.headers().allValues("DAV").toString()).as("DAV class 2, else Finder mounts read-only")
			.contains("2");

		byte[] content = bytes(100_000, 1);
		Raw put = chunkedPut(user, UrlPaths.encode(NFD_NAME), content, (long) content.length);
		assertThat(put.status()).as("chunked PUT of %s; response:%n%s", UrlPaths.encode(NFD_NAME), put.text())
			.isEqualTo(201);
		assertThat(put.header("ETag")).as("ETag on the PUT").isNotNull();
		ServerTree.assertDisk(homeDir(user.username()), Map.of(NFC_NAME, content), "after the NFD chunked PUT");

		var listing = user.propfind("", 1, null);
		assertThat(listing.statusCode()).isEqualTo(207);
		assertThat(listing.body()).as("href of the file is NFC, percent-encoded").contains("/Caf%C3%A9.bin<");
		assertThat(ServerTree.list(user).keySet()).as("names in PROPFIND").containsExactly(NFC_NAME);
		assertThat(user.prop(UrlPaths.encode(NFC_NAME), "d", "DAV:", "displayname")).as("displayname")
			.isEqualTo(NFC_NAME);
		assertThat(Fixtures.sha1(ServerTree.get(user, NFC_NAME))).as("GET by the NFC name")
			.isEqualTo(Fixtures.sha1(content));
		assertThat(Fixtures.sha1(ServerTree.get(user, NFD_NAME))).as("GET by the NFD name")
			.isEqualTo(Fixtures.sha1(content));

		byte[] replaced = bytes(54_321, 2);
		Raw again = chunkedPut(user, UrlPaths.encode(NFC_NAME), replaced, (long) replaced.length);
		assertThat(again.status()).as("PUT of the NFC name replaces the same file; response:%n%s", again.text())
			.isEqualTo(204);
		assertThat(ServerTree.list(user).keySet()).as("still one file").containsExactly(NFC_NAME);
		ServerTree.assertHolds(user, homeDir(user.username()), Map.of(NFC_NAME, replaced), "after the NFC PUT");

		Raw nfdAgain = chunkedPut(user, UrlPaths.encode(NFD_NAME), content, (long) content.length);
		assertThat(nfdAgain.status()).as("PUT of the NFD name again replaces the same file").isEqualTo(204);
		ServerTree.assertHolds(user, homeDir(user.username()), Map.of(NFC_NAME, content), "after the second NFD PUT");
	}

	@Test
	void aBodyThatDoesNotMatchTheAnnouncedLengthIsRefusedAndNothingIsStored() throws Exception {
		DavClient user = newUser("finder");
		byte[] body = bytes(900, 3);
		record Case(String name, byte[] sent, long announced) {
		}
		List<Case> cases = List.of(new Case("short.bin", body, 1000), new Case("long.bin", body, 800),
				new Case("empty.bin", new byte[0], 500));
		for (Case mismatch : cases) {
			Raw put = chunkedPut(user, mismatch.name(), mismatch.sent(), mismatch.announced());
			assertThat(put.status()).as("%d bytes sent, %d announced; response:%n%s", mismatch.sent().length,
					mismatch.announced(), put.text())
				.isEqualTo(400);
			assertThat(user.get(mismatch.name()).statusCode()).as("%s was not stored", mismatch.name()).isEqualTo(404);
		}

		byte[] original = bytes(2_000, 4);
		assertThat(chunkedPut(user, "kept.bin", original, (long) original.length).status()).isEqualTo(201);
		Raw shortReplace = chunkedPut(user, "kept.bin", body, 1000L);
		assertThat(shortReplace.status()).as("short body over an existing file").isEqualTo(400);

		ServerTree.assertHolds(user, homeDir(user.username()), Map.of("kept.bin", original), "after refused PUTs");
		Path tmp = DATA_DIR.resolve(".hearth/tmp");
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline && hasUploads(tmp)) {
			Thread.sleep(100);
		}
		assertThat(hasUploads(tmp)).as("temporary uploads removed").isFalse();
	}

	@Test
	void appleDoubleFilesAndDsStoreAreStoredLikeOtherFiles() {
		DavClient user = newUser("finder");
		byte[] appleDouble = bytes(4_096, 5);
		byte[] dsStore = bytes(6_148, 6);
		byte[] file = bytes(10_000, 7);
		assertThat(chunkedPut(user, UrlPaths.encode("._" + NFD_NAME), appleDouble, (long) appleDouble.length)
			.status()).as("AppleDouble ._ file (Finder writes it before the file)").isEqualTo(201);
		assertThat(chunkedPut(user, UrlPaths.encode(NFD_NAME), file, (long) file.length).status()).isEqualTo(201);
		assertThat(user.mkcol("folder").statusCode()).isEqualTo(201);
		assertThat(chunkedPut(user, "folder/.DS_Store", dsStore, (long) dsStore.length).status()).as(".DS_Store")
			.isEqualTo(201);
		Map<String, byte[]> expected = new TreeMap<>();
		expected.put("._" + NFC_NAME, appleDouble);
		expected.put(NFC_NAME, file);
		expected.put("folder/.DS_Store", dsStore);
		ServerTree.assertHolds(user, homeDir(user.username()), expected, "AppleDouble and .DS_Store");
	}

	@Test
	void finderLocksWithTheTokenFromTheBodyAndWritesWithAnUntaggedIf() {
		DavClient user = newUser("finder");
		String url = user.url("locked.txt");
		String lockBody = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:lockinfo xmlns:D=\"DAV:\">"
				+ "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
				+ "<D:owner><D:href>http://www.apple.com/webdav_fs/</D:href></D:owner></D:lockinfo>";
		var lock = ServerTree.send(user.request("LOCK", url, lockBody)
			.header("User-Agent", USER_AGENT)
			.header("Depth", "0")
			.header("Timeout", "Second-600")
			.header("Content-Type", "text/xml; charset=\"utf-8\""));
		assertThat(lock.statusCode()).as("LOCK of a new name (never 207: Finder takes it as EBUSY); body:%n%s",
				lock.body()).isIn(200, 201);
		Document document = ServerTree.xml(lock.body());
		NodeList tokens = document.getElementsByTagNameNS("DAV:", "locktoken");
		assertThat(tokens.getLength()).as("locktoken in the LOCK body (Finder reads it from there)").isEqualTo(1);
		String token = tokens.item(0).getTextContent().trim();
		assertThat(token).startsWith("opaquelocktoken:");
		assertThat(lock.headers().firstValue("Lock-Token")).as("the header names the same token")
			.hasValue("<" + token + ">");

		byte[] content = bytes(3_000, 8);
		Raw put = chunkedPut(user, "locked.txt", content, (long) content.length, "If", "(<" + token + ">)");
		assertThat(put.status()).as("chunked PUT with If: (<token>); response:%n%s", put.text()).isIn(201, 204);
		assertThat(chunkedPut(user, "locked.txt", bytes(10, 9), 10L).status()).as("PUT without the token")
			.isEqualTo(423);

		var refresh = ServerTree.send(user.request("LOCK", url, null)
			.header("User-Agent", USER_AGENT)
			.header("If", "(<" + token + ">)")
			.header("Timeout", "Second-600"));
		assertThat(refresh.statusCode()).as("refresh: LOCK without body and If: (<token>); body:%n%s", refresh.body())
			.isEqualTo(200);
		var unlock = ServerTree.send(user.request("UNLOCK", url, null)
			.header("User-Agent", USER_AGENT)
			.header("Lock-Token", "<" + token + ">"));
		assertThat(unlock.statusCode()).isEqualTo(204);
		ServerTree.assertHolds(user, homeDir(user.username()), Map.of("locked.txt", content), "after the Finder lock");
	}

	@Test
	void theRootReportsQuotaFinderCanShowAsFreeSpace() {
		for (DavClient user : List.of(newUser("finder", 10_000_000), newUser("finder"))) {
			assertThat(chunkedPut(user, "some.bin", bytes(1_000, 10), 1_000L).status()).isEqualTo(201);
			var response = ServerTree.send(user.request("PROPFIND", user.url(""),
					"<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\"><D:prop>"
							+ "<D:quota-available-bytes/><D:quota-used-bytes/><D:quota/><D:quotaused/></D:prop></D:propfind>")
				.header("User-Agent", USER_AGENT)
				.header("Depth", "0"));
			assertThat(response.statusCode()).isEqualTo(207);
			Document document = ServerTree.xml(response.body());
			String used = ServerTree.text(document.getDocumentElement(), "quota-used-bytes");
			String available = ServerTree.text(document.getDocumentElement(), "quota-available-bytes");
			assertThat(used).as("quota-used-bytes of %s:%n%s", user.username(), response.body()).isEqualTo("1000");
			assertThat(available).as("quota-available-bytes of %s (Finder shows available + used as the size and "
					+ "needs a non-negative integer, network-drives.md §2):%n%s", user.username(), response.body())
				.matches("[0-9]+");
		}
	}

	/** A raw HTTP response. */
	record Raw(int status, Map<String, String> headers, String text) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * A PUT as Finder sends it: {@code Transfer-Encoding: chunked}, no Content-Length, the size in
	 * {@code X-Expected-Entity-Length}, the body in chunks of uneven size.
	 */
	private Raw chunkedPut(DavClient user, String encodedPath, byte[] content, Long expectedLength,
			String... headers) {
		String path = "/remote.php/dav/files/" + user.username() + "/" + encodedPath;
		StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1:").append(port).append("\r\n");
		head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
		head.append("Authorization: ").append(DavClient.basic(user.username(), user.password())).append("\r\n");
		head.append("Content-Type: application/octet-stream\r\n");
		head.append("Transfer-Encoding: chunked\r\n");
		if (expectedLength != null) {
			head.append("X-Expected-Entity-Length: ").append(expectedLength).append("\r\n");
		}
		for (int i = 0; i < headers.length; i += 2) {
			head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			Random sizes = new Random(content.length);
			int offset = 0;
			while (offset < content.length) {
				int size = Math.min(content.length - offset, 1 + sizes.nextInt(32_768));
				out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(content, offset, size);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				offset += size;
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException e) {
			throw new IllegalStateException("raw PUT " + path + " failed", e);
		}
	}

	private static Raw read(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		in.transferTo(all);
		String text = all.toString(StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		String head = end < 0 ? text : text.substring(0, end);
		List<String> lines = new ArrayList<>(List.of(head.split("\r\n")));
		String[] statusLine = lines.remove(0).split(" ");
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line : lines) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
			}
		}
		return new Raw(Integer.parseInt(statusLine[1]), headers, text);
	}

	private static byte[] bytes(int size, long seed) {
		byte[] content = new byte[size];
		new Random(Fixtures.SEED * 31 + seed).nextBytes(content);
		return content;
	}

	private static boolean hasUploads(Path tmp) throws IOException {
		if (!Files.isDirectory(tmp)) {
			return false;
		}
		try (var files = Files.list(tmp)) {
			return files.anyMatch(p -> p.getFileName().toString().startsWith("upload-"));
		}
	}
}
