package org.hearth.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/files/zip}: the user's own selection (files and nested folders) arrives as a zip whose entries and
 * SHA-1s match what was uploaded, names in UTF-8; a share received works like an own folder; another user's path
 * and a missing one are 404, a selection with two equal names 400.
 */
class ZipDownloadIT extends HearthIT {

	@Test
	void aSelectionOfFilesAndNestedFoldersArrivesWhole() throws IOException {
		DavClient user = newUser("zip");
		Map<String, byte[]> uploaded = new LinkedHashMap<>();
		uploaded.put("Grüße – 日本.txt", "hallo".getBytes(StandardCharsets.UTF_8));
		uploaded.put("Photos/a.bin", bytes(200_000, 7));
		uploaded.put("Photos/Ünter/deep/b.bin", bytes(70_000, 11));
		uploaded.put("Photos/Ünter/c.txt", "c".getBytes(StandardCharsets.UTF_8));
		user.mkcol("Photos");
		user.mkcol("Photos/%C3%9Cnter");
		user.mkcol("Photos/%C3%9Cnter/deep");
		for (var file : uploaded.entrySet()) {
			upload(user, file.getKey(), file.getValue());
		}
		upload(user, "not chosen.txt", "left out".getBytes(StandardCharsets.UTF_8));

		HttpResponse<byte[]> zip = zip(user, "/Grüße – 日本.txt", "/Photos");
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(zip.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				value -> assertThat(value).startsWith("attachment").contains("download.zip"));
		Map<String, String> entries = entries(zip.body());
		Map<String, String> expected = uploaded.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, e -> sha1(e.getValue())));
		expected.put("Photos/", "");
		expected.put("Photos/Ünter/", "");
		expected.put("Photos/Ünter/deep/", "");
		assertThat(entries).isEqualTo(expected);

		HttpResponse<byte[]> folder = zip(user, "/Photos/Ünter");
		assertThat(folder.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				value -> assertThat(value).contains("filename*=UTF-8''%C3%9Cnter.zip"));
		assertThat(entries(folder.body()).keySet()).containsExactlyInAnyOrder("Ünter/", "Ünter/deep/",
				"Ünter/deep/b.bin", "Ünter/c.txt");
	}

	@Test
	void otherUsersPathsAreNotFoundAndBadSelectionsRefused() {
		DavClient alice = newUser("zip-alice");
		DavClient mallory = newUser("zip-mallory");
		alice.mkcol("Secret");
		alice.put("Secret/s.txt", "secret");
		mallory.put("mine.txt", "mine");

		assertThat(zip(mallory, "/Secret").statusCode()).isEqualTo(404);
		assertThat(zip(mallory, "/mine.txt", "/Secret/s.txt").statusCode()).isEqualTo(404);
		assertThat(zip(mallory, "/../" + alice.username() + "/Secret").statusCode()).isIn(400, 404);
		mallory.mkcol("Other");
		mallory.put("Other/mine.txt", "other");
		assertThat(zip(mallory, "/mine.txt", "/Other/mine.txt").statusCode()).as("two entries named mine.txt")
			.isEqualTo(400);
		assertThat(mallory.send(mallory.request("GET", baseUrl() + "/api/files/zip", null)).statusCode())
			.as("nothing chosen")
			.isEqualTo(400);
		DavClient anonymous = new DavClient(baseUrl(), alice.username(), null);
		assertThat(zip(anonymous, "/Secret").statusCode()).isEqualTo(401);
	}

	@Test
	void aShareReceivedIsZippedThroughTheMount() throws IOException {
		DavClient alice = newUser("zip-owner");
		DavClient bob = newUser("zip-recipient");
		alice.mkcol("Shared%20Docs");
		byte[] report = bytes(50_000, 3);
		upload(alice, "Shared Docs/report.bin", report);
		var share = alice.send(alice.request("POST", baseUrl() + "/ocs/v1.php/apps/files_sharing/api/v1/shares",
				"path=" + q("/Shared Docs") + "&shareType=0&shareWith=" + q(bob.username()) + "&permissions=1")
			.header("OCS-APIRequest", "true")
			.header("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(share.body()).as(share.body()).contains("<statuscode>100</statuscode>");

		HttpResponse<byte[]> zip = zip(bob, "/Shared with me/Shared Docs");
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(entries(zip.body())).isEqualTo(
				Map.of("Shared Docs/", "", "Shared Docs/report.bin", sha1(report)));
	}

	private HttpResponse<byte[]> zip(DavClient user, String... paths) {
		String query = List.of(paths).stream().map(p -> "path=" + q(p)).collect(Collectors.joining("&"));
		return user.send(user.request("GET", baseUrl() + "/api/files/zip?" + query, null),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private void upload(DavClient user, String path, byte[] content) {
		var response = user.send(user.request("PUT", baseUrl() + "/api/files/content?path=" + q("/" + path), null)
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content)));
		assertThat(response.statusCode()).as("upload of %s: %s", path, response.body()).isEqualTo(201);
	}

	/** Entry name → SHA-1 of its content ("" for folders). */
	private static Map<String, String> entries(byte[] zip) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), entry.isDirectory() ? "" : sha1(in.readAllBytes()));
			}
		}
		return entries;
	}

	private static byte[] bytes(int size, int seed) {
		byte[] bytes = new byte[size];
		new java.util.Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static String sha1(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String q(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
