package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGKILL of the server JVM while a large PUT streams into {@code .hearth/tmp}: after a restart on the same data
 * folder and database nothing of the interrupted upload is visible or left over, a file being overwritten still has
 * its old content, id and etag, and the server's view equals the disk. An answered PUT survives a kill right after.
 * The tests share one server, each as its own user: a kill needs a restart, not a new server.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KillDuringUploadIT {

	private static final long BIG = 300L * 1024 * 1024;

	/** Kill once the temporary upload file has this much in it. */
	private static final long KILL_AFTER = 16L * 1024 * 1024;

	/** Slow enough that polling the temporary folder sees the file grow, fast enough to pass KILL_AFTER in < 1 s. */
	private static final long BYTES_PER_SECOND = 40L * 1024 * 1024;

	@RegisterExtension
	static final SharedServer SHARED = new SharedServer("upload");

	private ServerProcess server;

	@Test
	void killDuringNewUploadLeavesNoTrace() throws Exception {
		server = SHARED.running();
		Dav user = server.createUser("uploader");
		Path home = server.homeDir("uploader");
		user.mkcolOk("docs");
		user.putOk("docs/a.bin", Content.bytes(1, 100_000));
		user.putOk("b.bin", Content.bytes(2, 2_000_000));
		Map<String, Dav.Resource> before = HomeCheck.assertConsistent(user, home);

		Path partial = killWhileUploading(user, "docs/big.bin");
		assertThat(home.resolve("docs/big.bin")).as("no partial file in the home after the kill").doesNotExist();

		server.start();
		assertThat(server.temporaryFiles()).as("temporary files after the startup check").isEmpty();
		assertThat(partial).doesNotExist();
		assertThat(user.stat("docs/big.bin")).as("PROPFIND of the interrupted upload").isNull();
		assertThat(user.get("docs/big.bin").statusCode()).isEqualTo(404);
		assertThat(home.resolve("docs/big.bin")).doesNotExist();
		Map<String, Dav.Resource> after = HomeCheck.assertConsistent(user, home);
		assertUnchanged(before, after);
		assertThat(after.get("").size()).isEqualTo(2_100_000);
	}

	@Test
	void killDuringOverwriteKeepsTheOldContent() throws Exception {
		server = SHARED.running();
		Dav user = server.createUser("overwriter");
		Path home = server.homeDir("overwriter");
		byte[] old = Content.bytes(7, 3 * 1024 * 1024 + 17);
		String oldSha1 = Content.sha1(old);
		user.mkcolOk("reports");
		user.putOk("reports/q3.bin", old);
		user.putOk("reports/other.txt", Content.bytes(8, 5_000));
		Map<String, Dav.Resource> before = HomeCheck.assertConsistent(user, home);

		killWhileUploading(user, "reports/q3.bin");
		assertThat(Content.sha1(home.resolve("reports/q3.bin"))).as("old content on disk right after the kill")
			.isEqualTo(oldSha1);

		server.start();
		assertThat(server.temporaryFiles()).as("temporary files after the startup check").isEmpty();
		HttpResponse<byte[]> get = user.get("reports/q3.bin");
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body().length).isEqualTo(old.length);
		assertThat(Content.sha1(get.body())).as("GET after restart returns the old content").isEqualTo(oldSha1);
		Dav.Resource file = user.stat("reports/q3.bin");
		assertThat(file.contentLength()).isEqualTo(old.length);
		assertThat(file.sha1()).isEqualTo(oldSha1);
		Map<String, Dav.Resource> after = HomeCheck.assertConsistent(user, home);
		assertUnchanged(before, after);
	}

	@Test
	void answeredUploadSurvivesAKillRightAfter() {
		server = SHARED.running();
		Dav user = server.createUser("acked");
		Path home = server.homeDir("acked");
		user.putOk("first.bin", Content.bytes(11, 50_000));
		byte[] content = Content.bytes(12, 4 * 1024 * 1024);
		assertThat(user.put("acked.bin", content)).isEqualTo(201);
		Dav.Resource acked = user.stat("acked.bin");
		server.kill9();

		server.start();
		Dav.Resource afterRestart = user.stat("acked.bin");
		assertThat(afterRestart).as("a PUT answered 201 before the kill is still there").isNotNull();
		assertThat(afterRestart.fileId()).as("and keeps its file id").isEqualTo(acked.fileId());
		assertThat(afterRestart.etag()).as("and its etag").isEqualTo(acked.etag());
		assertThat(Content.sha1(user.get("acked.bin").body())).isEqualTo(Content.sha1(content));
		HomeCheck.assertConsistent(user, home);
	}

	/**
	 * Streams a {@link #BIG} PUT and SIGKILLs the server once its temporary file holds {@link #KILL_AFTER} bytes;
	 * returns the temporary file the crash left behind.
	 */
	private Path killWhileUploading(Dav user, String path) throws Exception {
		Content.SlowBody body = new Content.SlowBody(BIG, BYTES_PER_SECOND);
		CompletableFuture<HttpResponse<Void>> response = user.putStreaming(path, () -> body, BIG);
		try {
			Path temp = awaitTempFile(response);
			assertThat(response).as("the upload is still running when the server is killed").isNotDone();
			server.kill9();
			long size = Files.size(temp);
			assertThat(size).as("the crash left a partial temporary file").isBetween(KILL_AFTER, BIG - 1);
			assertThatThrownBy(() -> response.get(30, TimeUnit.SECONDS)).as("the client sees the connection break")
				.isInstanceOf(ExecutionException.class);
			return temp;
		}
		finally {
			body.abort();
			response.cancel(true);
		}
	}

	private Path awaitTempFile(CompletableFuture<HttpResponse<Void>> response) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (response.isDone()) {
				throw new AssertionError("the upload ended before the kill: "
						+ (response.isCompletedExceptionally() ? "failed" : "status " + response.get().statusCode())
						+ "; log:\n" + server.logTail(40));
			}
			for (Path file : server.temporaryFiles()) {
				if (file.getFileName().toString().startsWith("upload-") && sizeOf(file) >= KILL_AFTER) {
					return file;
				}
			}
			Thread.sleep(2);
		}
		throw new AssertionError("no temporary upload file reached " + KILL_AFTER + " bytes within 30 s in "
				+ server.tempDir() + ": " + server.temporaryFiles());
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			return -1; // gone between listing and stat
		}
	}

	/** The interrupted upload changed nothing clients can see: same entries, ids and etags. */
	private static void assertUnchanged(Map<String, Dav.Resource> before, Map<String, Dav.Resource> after) {
		assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
		HomeCheck.assertKept("file id", Dav.Resource::fileId, before, after, before.keySet());
		HomeCheck.assertKept("etag", Dav.Resource::etag, before, after, before.keySet());
		HomeCheck.assertKept("size", Dav.Resource::size, before, after, before.keySet());
	}
}
