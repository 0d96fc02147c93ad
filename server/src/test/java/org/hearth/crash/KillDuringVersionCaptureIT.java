package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hearth.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGKILL of the server while an overwrite keeps the replaced content as a version: a PUT over a 64 MiB file, and a
 * COPY of a 64 MiB file onto another (the version is captured first, then the bytes are copied). Each run kills at
 * a fraction of how long the same operation took uncrashed, or right after the answer, restarts on the same data
 * folder and database, and checks: disk and database agree, every content the file ever had is still its current
 * content or one of its versions (nothing lost), each version row has its file and each file its row, no version
 * is the current file itself (nothing half-visible), and no temporary file is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KillDuringVersionCaptureIT {

	private static final int SIZE = 64 * 1024 * 1024;

	private static final String TARGET = "kept.bin";

	private static final String SOURCE = "source.bin";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final SharedServer SHARED = new SharedServer("versions");

	private ServerProcess server;

	private Dav user;

	private Path home;

	private Path versionsDir;

	/** SHA-1 of every content {@link #TARGET} has had, which must all survive as current content or versions. */
	private final Set<String> history = new HashSet<>();

	private long nextSeed = 1;

	/** How long an uninterrupted run of each operation took, from sending to the answer. */
	private final Map<Operation, Long> uncrashedNanos = new HashMap<>();

	enum Operation {
		PUT, COPY
	}

	@BeforeAll
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void prepare() throws Exception {
		server = SHARED.running();
		user = server.createUser("keeper");
		home = server.homeDir("keeper");
		versionsDir = server.dataDir().resolve(".hearth").resolve("versions").resolve("keeper");
		byte[] first = Content.bytes(nextSeed++, SIZE);
		user.putOk(TARGET, first);
		history.add(Content.sha1(first));
		for (Operation operation : Operation.values()) {
			Write write = start(operation);
			assertThat(write.answer().get(90, TimeUnit.SECONDS)).isEqualTo(204);
			uncrashedNanos.put(operation, System.nanoTime() - write.sentNanos());
			history.add(write.sha1());
			System.out.printf("[crash] %s: uninterrupted %s over a %d MiB file took %d ms%n", TestDatabase.kind(),
					operation, SIZE >> 20, TimeUnit.NANOSECONDS.toMillis(uncrashedNanos.get(operation)));
		}
		checkVersions(null);
	}

	/** When to kill: a fraction of an uncrashed run of the same operation, or (fraction 0) after the answer. */
	record Moment(Operation operation, double fraction) {

		@Override
		public String toString() {
			return operation + (fraction == 0 ? " right after the answer"
					: " after " + Math.round(fraction * 100) + "% of an uncrashed run");
		}
	}

	static Stream<Moment> moments() {
		return Stream.of(new Moment(Operation.PUT, 0.5), new Moment(Operation.PUT, 0.9),
				new Moment(Operation.PUT, 0.98), new Moment(Operation.PUT, 0), new Moment(Operation.COPY, 0.2),
				new Moment(Operation.COPY, 0.5), new Moment(Operation.COPY, 0.8), new Moment(Operation.COPY, 0));
	}

	@ParameterizedTest(name = "kill during {0}")
	@MethodSource("moments")
	void killDuringCapture(Moment moment) throws Exception {
		server = SHARED.running();
		String before = currentSha1();
		Write write = start(moment.operation());
		Integer answered = null;
		if (moment.fraction() == 0) {
			answered = write.answer().get(90, TimeUnit.SECONDS);
			assertThat(answered).isEqualTo(204);
		}
		else {
			long delay = write.sentNanos() + (long) (moment.fraction() * uncrashedNanos.get(moment.operation()))
					- System.nanoTime();
			if (delay > 0) {
				Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
			}
		}
		long killedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - write.sentNanos());
		server.kill9();
		server.start();

		String after = currentSha1();
		String log = server.logText();
		System.out.printf("[crash] %s: killed %s (%d ms after sending, %s): the file has the %s content%s%n",
				TestDatabase.kind(), moment, killedAfter, answered == null ? "no answer yet" : "answered " + answered,
				after.equals(before) ? "old" : after.equals(write.sha1()) ? "new" : "UNKNOWN",
				log.contains("was never replaced") ? " (the start-up check dropped a version never replaced)"
						: log.contains("without a row") ? " (the start-up check dropped a version file without a row)"
								: "");
		assertThat(after).as("the current content is the old or the new one").isIn(before, write.sha1());
		if (answered != null) {
			assertThat(after).as("an answered overwrite stays done").isEqualTo(write.sha1());
		}
		if (after.equals(write.sha1())) {
			history.add(write.sha1());
		}
		HomeCheck.assertConsistent(user, home);
		checkVersions(after);
		assertThat(server.temporaryFiles()).as("temporary files after the start-up check").isEmpty();
	}

	private record Write(long sentNanos, String sha1, CompletableFuture<Integer> answer) {
	}

	/** Starts an overwrite of {@link #TARGET} with new content; for COPY the source is stored first. */
	private Write start(Operation operation) {
		byte[] content = Content.bytes(nextSeed++, SIZE);
		String sha1 = Content.sha1(content);
		if (operation == Operation.COPY) {
			user.putOk(SOURCE, content);
			long sent = System.nanoTime();
			return new Write(sent, sha1, CompletableFuture.supplyAsync(() -> user
				.send("COPY", SOURCE, null, "Destination", user.url(TARGET), "Overwrite", "T")
				.statusCode()));
		}
		long sent = System.nanoTime();
		return new Write(sent, sha1, user.putStreaming(TARGET, () -> new ByteArrayInputStream(content), SIZE)
			.thenApply(HttpResponse::statusCode));
	}

	/**
	 * Versions in the database and on disk agree, none is the current file itself, and every content the file has
	 * had is the current content or a version. {@code current} is the current SHA-1, null to look it up.
	 */
	private void checkVersions(String current) throws IOException {
		String fileId = user.stat(TARGET).fileId();
		Set<String> rowFiles = new HashSet<>();
		Set<String> contents = new HashSet<>();
		for (String file : List.of(TARGET, SOURCE)) {
			Dav.Resource resource = user.stat(file);
			if (resource == null) {
				continue;
			}
			HttpResponse<String> listed = user.callAs("GET", "/api/versions/" + resource.fileId());
			assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
			for (JsonNode version : JSON.readTree(listed.body()).get("versions")) {
				String id = version.get("id").asString();
				rowFiles.add(id);
				Path onDisk = versionsDir.resolve(id);
				assertThat(onDisk).as("version %s of /%s has its file", id, file).exists();
				assertThat(Files.isSameFile(onDisk, home.resolve(file)))
					.as("version %s of /%s is not the current file itself", id, file)
					.isFalse();
				if (file.equals(TARGET)) {
					contents.add(Content.sha1(onDisk));
				}
			}
		}
		assertThat(fileNames(versionsDir)).as("every version file has its row").isEqualTo(rowFiles);
		contents.add(current != null ? current : currentSha1());
		assertThat(contents).as("every content /%s had (file id %s) is still there", TARGET, fileId)
			.containsAll(history);
	}

	private String currentSha1() {
		return Content.sha1(home.resolve(TARGET));
	}

	private static Set<String> fileNames(Path dir) {
		if (!Files.isDirectory(dir)) {
			return Set.of();
		}
		try (var files = Files.list(dir)) {
			return new HashSet<>(files.map(f -> f.getFileName().toString()).toList());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
