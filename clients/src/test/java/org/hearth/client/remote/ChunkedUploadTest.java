package org.hearth.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hearth.client.config.CredentialStore;
import org.hearth.client.config.Credentials;
import org.hearth.client.testing.CliRunner;
import org.hearth.client.testing.FakeHearthServer;
import org.hearth.client.testing.FakeHearthServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedUploadTest {

	private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");

	@TempDir
	Path tmp;

	private FakeHearthServer server;

	private HearthClient client;

	@BeforeEach
	void start() throws IOException {
		server = new FakeHearthServer(Files.createDirectories(tmp.resolve("server-files")));
		Path config = tmp.resolve("config");
		new CliRunner(config).login(server);
		Credentials c = new CredentialStore(config).load().orElseThrow();
		client = new HearthClient(c.server(), c.login(), c.appPassword(), c.userId());
	}

	@AfterEach
	void stop() {
		client.close();
		server.close();
	}

	private static DavResource chunk(String name, long size) {
		return new DavResource("/u/" + name, null, name, false, size, null, null, null, null);
	}

	@Test
	void bigFilesGoInAboutTwentyChunksWithinTheGivenSizes() {
		long mib = 1024 * 1024;
		assertThat(ChunkedUpload.chunkSizeFor(5_000, 1024, 100 * mib)).isEqualTo(1024);
		assertThat(ChunkedUpload.chunkSizeFor(150 * mib, 10 * mib, 100 * mib)).isEqualTo(10 * mib);
		assertThat(ChunkedUpload.chunkSizeFor(400_000_000, 10 * mib, 100 * mib)).isEqualTo(20 * mib);
		assertThat(ChunkedUpload.chunkSizeFor(2048 * mib, 10 * mib, 100 * mib)).isEqualTo(100 * mib);
		assertThat(ChunkedUpload.chunkSizeFor(2048 * mib, 10 * mib, 10 * mib)).isEqualTo(10 * mib);
		assertThat(ChunkedUpload.chunkSizeFor(2048 * mib, 200 * mib, 100 * mib)).isEqualTo(200 * mib);
	}

	@Test
	void chunkNamesAreSixteenDigitCounters() {
		assertThat(ChunkedUpload.chunkName(0)).isEqualTo("0000000000000000");
		assertThat(ChunkedUpload.chunkName(12)).isEqualTo("0000000000000012");
		assertThat(ChunkedUpload.chunkCount(0, 10)).as("an empty file is one empty chunk").isEqualTo(1);
		assertThat(ChunkedUpload.chunkCount(10, 10)).isEqualTo(1);
		assertThat(ChunkedUpload.chunkCount(11, 10)).isEqualTo(2);
		assertThat(ChunkedUpload.chunkLength(1, 25, 10)).isEqualTo(10);
		assertThat(ChunkedUpload.chunkLength(2, 25, 10)).isEqualTo(5);
	}

	@Test
	void uploadIdIsStableForTheSameFileVersionOnly() {
		String id = ChunkedUpload.uploadId("/a/big.bin", 100, MTIME);
		assertThat(ChunkedUpload.uploadId("/a//big.bin/", 100, MTIME)).isEqualTo(id);
		assertThat(id).matches("hearth-[0-9a-f]{32}");
		assertThat(ChunkedUpload.uploadId("/a/big.bin", 101, MTIME)).isNotEqualTo(id);
		assertThat(ChunkedUpload.uploadId("/a/big.bin", 100, MTIME.plusSeconds(1))).isNotEqualTo(id);
		assertThat(ChunkedUpload.uploadId("/a/other.bin", 100, MTIME)).isNotEqualTo(id);
	}

	@Test
	void onlyCompleteChunksWithExpectedNamesCountAsDone() {
		List<DavResource> listing = List.of(
				new DavResource("/u/", null, "hearth-x", true, -1, null, null, null, null),
				chunk("0000000000000000", 10), chunk("0000000000000001", 4), chunk("0000000000000002", 5),
				chunk("0000000000000003", 10), chunk("notachunk", 10), chunk("1", 10));
		// 25 bytes in chunks of 10: 10 + 10 + 5; chunk 1 is short (cut off), chunk 3 is beyond the end
		assertThat(ChunkedUpload.completeChunks(listing, 25, 10)).containsExactlyInAnyOrder(0, 2);
	}

	private byte[] writeBigFile(Path file) throws IOException {
		byte[] content = new byte[25_000];
		new Random(7).nextBytes(content);
		Files.write(file, content);
		Files.setLastModifiedTime(file, FileTime.from(MTIME));
		return content;
	}

	@Test
	void withoutAKnownSha1TheChecksumIsTakenWhileSendingAndCoversChunksSentBefore() throws Exception {
		Path file = tmp.resolve("big.bin");
		byte[] content = writeBigFile(file);
		ChunkedUpload upload = new ChunkedUpload(client);
		server.chunkedUploads().failChunkPutAfter(2);
		assertThatThrownBy(() -> upload.upload(file, "/big.bin", content.length, MTIME, null, null, 10_000,
				TransferListener.NONE)).isInstanceOf(RemoteException.class);

		HearthClient.UploadResult result = upload.upload(file, "/big.bin", content.length, MTIME, null, null, 10_000,
				TransferListener.NONE);

		String sha1 = Sha1.hex(file, TransferListener.NONE);
		assertThat(server.lastRequest("MOVE").headers().getFirst("OC-Checksum")).isEqualTo("SHA1:" + sha1);
		assertThat(result.sentSha1()).isEqualTo(sha1);
		assertThat(Files.readAllBytes(server.files().resolve("big.bin"))).isEqualTo(content);
	}

	@Test
	void aFileThatNoLongerHasItsKnownSha1IsNotAssembled() throws Exception {
		Path file = tmp.resolve("big.bin");
		byte[] content = writeBigFile(file);

		HearthClient.UploadResult result = new ChunkedUpload(client).upload(file, "/big.bin", content.length, MTIME,
				"0000000000000000000000000000000000000000", null, 10_000, TransferListener.NONE);

		assertThat(result).isNull();
		assertThat(server.requests()).extracting(Request::method).doesNotContain("MOVE");
		assertThat(server.files().resolve("big.bin")).doesNotExist();
	}

	@Test
	void uploadsInChunksAndResumesWithoutResendingFinishedChunks() throws Exception {
		Path file = tmp.resolve("big.bin");
		byte[] content = writeBigFile(file);
		String sha1 = Sha1.hex(file, TransferListener.NONE);
		ChunkedUpload upload = new ChunkedUpload(client);

		server.chunkedUploads().failChunkPutAfter(1);
		assertThatThrownBy(() -> upload.upload(file, "/big.bin", content.length, MTIME, sha1, null, 10_000,
				TransferListener.NONE)).isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.status()).isEqualTo(503));
		String id = ChunkedUpload.uploadId("/big.bin", content.length, MTIME);
		assertThat(server.chunkedUploads().sessions()).containsExactly(Map.entry(id, List.of("0000000000000000")));
		int before = server.requests().size();

		HearthClient.UploadResult result = upload.upload(file, "/big.bin", content.length, MTIME, sha1, null, 10_000,
				TransferListener.NONE);

		List<Request> resumed = server.requests().subList(before, server.requests().size());
		assertThat(resumed).extracting(r -> r.method() + " " + r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1))
			.containsExactly("PROPFIND " + id, "PUT 0000000000000001", "PUT 0000000000000002", "MOVE .file");
		Request move = resumed.get(3);
		assertThat(move.headers().getFirst("Destination")).isEqualTo(client.davUri("/big.bin").toString());
		assertThat(move.headers().getFirst("OC-Total-Length")).isEqualTo("25000");
		assertThat(move.headers().getFirst("X-OC-Mtime")).isEqualTo(Long.toString(MTIME.getEpochSecond()));
		assertThat(move.headers().getFirst("OC-Checksum")).isEqualTo("SHA1:" + sha1);
		assertThat(result.created()).isTrue();
		assertThat(result.etag()).isNotBlank();
		assertThat(Files.readAllBytes(server.files().resolve("big.bin"))).isEqualTo(content);
		assertThat(Files.getLastModifiedTime(server.files().resolve("big.bin")).toInstant()).isEqualTo(MTIME);
		assertThat(server.chunkedUploads().sessions()).as("the server removed the assembled session").isEmpty();
	}

	@Test
	void finalMoveCarriesIfMatchAndA412AbortsTheSession() throws Exception {
		Path file = tmp.resolve("big.bin");
		Files.write(file, new byte[300]);
		Files.writeString(server.files().resolve("big.bin"), "someone else's");
		ChunkedUpload upload = new ChunkedUpload(client);

		assertThatThrownBy(() -> upload.upload(file, "/big.bin", 300, MTIME, null, "stale-etag", 100,
				TransferListener.NONE))
			.isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.status()).isEqualTo(412));

		assertThat(server.lastRequest("MOVE").headers().getFirst("If-Match")).isEqualTo("\"stale-etag\"");
		assertThat(Files.readString(server.files().resolve("big.bin"))).isEqualTo("someone else's");
		assertThat(server.chunkedUploads().sessions()).isEmpty();
	}
}
