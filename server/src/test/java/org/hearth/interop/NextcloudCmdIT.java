package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.RequestLog;
import org.hearth.testing.UrlPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scenario matrix of the Nextcloud desktop client (Debian's nextcloudcmd 3.7) against Hearth, one story in
 * steps: after each run the server's tree (PROPFIND, GET, disk) must equal the local folder, names, sizes and SHA-1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NextcloudCmdIT extends HearthIT {

	static final String CLIENT = "nextcloudcmd";

	/** One local folder for the whole story (a @TempDir field would be new for every step). */
	private Path local;

	private DavClient user;

	@BeforeAll
	void createUserAndFolder() throws IOException {
		user = newUser("ncmd");
		local = Files.createTempDirectory("hearth-it-nextcloudcmd-");
	}

	@Test
	@Order(1)
	void initialUploadOfAwkwardNamesAndABigFileChunked() {
		long mark = requests.mark();
		LocalTree.write(local, SyncFixtures.initialTree());
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		assertSameTrees("initial upload");
		List<RequestLog.Entry> sent = requests.since(mark).stream().filter(e -> e.from(CLIENT)).toList();
		assertThat(sent).as("the big file went up in chunks").anyMatch(e -> e.method().equals("MOVE")
				&& e.uri().contains("/remote.php/dav/uploads/") && e.uri().endsWith("/.file") && e.status() == 201);
	}

	@Test
	@Order(2)
	void unchangedRunOnlyAsksTheFourDiscoveryQuestions() {
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		long mark = requests.mark();
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		List<String> sent = requests.since(mark)
			.stream()
			.filter(e -> e.from(CLIENT))
			.map(e -> e.method() + " " + e.uri().replaceFirst("\\?.*", ""))
			.toList();
		assertThat(sent).containsExactly("GET /status.php", "GET /ocs/v1.php/cloud/capabilities",
				"GET /ocs/v1.php/cloud/user", "PROPFIND /remote.php/dav/files/" + user.username() + "/");
		assertSameTrees("unchanged run");
	}

	@Test
	@Order(3)
	void serverSideCreateModifyAndDeleteReachTheClient() {
		assertThat(user.put("Documents/from-server.txt", "made on the server").statusCode()).isEqualTo(201);
		assertThat(user.put("Documents/notes.txt", "changed on the server, longer than before").statusCode())
			.isEqualTo(204);
		assertThat(user.delete(UrlPaths.encode("Photos/2026/old.txt")).statusCode()).isEqualTo(204);
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		assertSameTrees("server-side changes");
		assertThat(local.resolve("Photos/2026/old.txt")).doesNotExist();
		assertThat(local.resolve("Documents/from-server.txt")).hasContent("made on the server");
	}

	@Test
	@Order(4)
	void localRenamesBecomeOneMoveEachAndServerRenamesNeedNoDownload() throws IOException {
		Files.move(local.resolve("Documents/notes.txt"), local.resolve("Documents/notes renamed.txt"));
		Files.move(local.resolve("Documents/Deep"), local.resolve("Documents/Deeper"));
		long mark = requests.mark();
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		List<RequestLog.Entry> sent = requests.since(mark).stream().filter(e -> e.from(CLIENT)).toList();
		assertThat(sent).filteredOn(e -> e.method().equals("MOVE")).hasSize(2);
		assertThat(sent).noneMatch(e -> e.method().equals("PUT"));
		assertSameTrees("local renames");

		assertThat(user.move(UrlPaths.encode("Photos/2026"), UrlPaths.encode("Photos/Year 2026")).statusCode())
			.isEqualTo(201);
		mark = requests.mark();
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		assertThat(requests.since(mark)).filteredOn(e -> e.from(CLIENT)).noneMatch(e -> e.method().equals("GET")
				&& e.uri().startsWith("/remote.php/"));
		assertSameTrees("server-side rename");
		assertThat(local.resolve("Photos/Year 2026")).isDirectory();
	}

	@Test
	@Order(5)
	void bothSidesChangedKeepsAConflictCopyAndTheServerVersion() throws IOException {
		Files.writeString(local.resolve("Documents/both.txt"), "the laptop's version");
		assertThat(user.put("Documents/both.txt", "the server's version, written meanwhile").statusCode())
			.isEqualTo(201);
		SyncClients.nextcloudcmd(user, local);
		assertThat(local.resolve("Documents/both.txt")).hasContent("the server's version, written meanwhile");
		assertThat(conflictCopies("Documents")).singleElement()
			.satisfies(copy -> assertThat(copy).hasContent("the laptop's version"));
		assertThat(ServerTree.get(user, "Documents/both.txt")).asString()
			.isEqualTo("the server's version, written meanwhile");
	}

	@Test
	@Order(6)
	void staleIfMatchIsRefusedAndTheNextRunResolvesIt() throws IOException {
		String path = "Documents/race.txt";
		assertThat(user.put(path, "first").statusCode()).isEqualTo(201);
		SyncClients.nextcloudcmd(user, local).requireSuccess();
		Files.writeString(local.resolve(path), "edited on the laptop");
		String encoded = UrlPaths.encode(user.username() + "/" + path);
		requests.beforeNext(
				r -> r.getMethod().equals("PUT") && r.getRequestURI().endsWith(encoded) && r.getHeader("If-Match") != null,
				() -> assertThat(user.put(path, "edited on the server between discovery and upload").statusCode())
					.isEqualTo(204));
		long mark = requests.mark();
		SyncClients.nextcloudcmd(user, local);
		assertThat(requests.since(mark)).filteredOn(e -> e.from(CLIENT))
			.anyMatch(e -> e.method().equals("PUT") && e.uri().endsWith(encoded) && e.status() == 412);
		SyncClients.nextcloudcmd(user, local);
		assertThat(local.resolve(path)).hasContent("edited on the server between discovery and upload");
		assertThat(conflictCopies("Documents")).anySatisfy(
				copy -> assertThat(copy).hasContent("edited on the laptop"));
	}

	@Test
	@Order(7)
	void aRunKilledDuringAChunkedUploadIsResumedWithoutResendingStoredChunks() throws Exception {
		byte[] video = new byte[64 * 1000 * 1000 + 321];
		new Random(7).nextBytes(video);
		LocalTree.write(local, "Videos/interrupted.bin", video);
		AtomicReference<Process> firstRun = new AtomicReference<>();
		AtomicInteger chunkPutsStarted = new AtomicInteger();
		// the server kills the client as the third part arrives: two parts are stored, the third is cut off
		requests.beforeNext(r -> isChunkPut(r) && chunkPutsStarted.incrementAndGet() == 3,
				() -> Processes.kill9(firstRun.get()));
		long mark = requests.mark();
		firstRun.set(SyncClients.startNextcloudcmd(user, local, SyncClients.FIXED_CHUNKS));
		assertThat(firstRun.get().waitFor(SyncClients.RUN_LIMIT.toMinutes(), TimeUnit.MINUTES))
			.as("the first run ends (killed at the third part)").isTrue();
		List<String> before = storedChunks(mark);
		assertThat(chunkPutsStarted).as("the kill came at the third part").hasValueGreaterThanOrEqualTo(3);
		assertThat(before).as("parts stored before the kill").hasSize(2);
		assertThat(requests.since(mark)).as("the upload was not finished before the kill")
			.noneMatch(e -> e.method().equals("MOVE") && e.uri().endsWith("/.file"));

		long resumed = requests.mark();
		SyncClients.nextcloudcmd(user, local, SyncClients.FIXED_CHUNKS).requireSuccess();
		List<String> after = storedChunks(resumed);
		assertThat(after).as("the same upload session goes on with the 5 missing parts").hasSize(5)
			.allMatch(uri -> session(uri).equals(session(before.get(0))));
		assertThat(after).as("no part stored before the kill is sent again").doesNotContainAnyElementsOf(before);
		assertThat(requests.since(resumed)).anyMatch(e -> e.method().equals("MOVE") && e.uri().endsWith("/.file")
				&& e.uri().startsWith(session(before.get(0))) && e.status() == 201);
		assertThat(Fixtures.sha1(ServerTree.get(user, "Videos/interrupted.bin"))).isEqualTo(Fixtures.sha1(video));
		assertSameTrees("after the resumed upload");
	}

	private static boolean isChunkPut(HttpServletRequest request) {
		String agent = request.getHeader("User-Agent");
		return request.getMethod().equals("PUT") && request.getRequestURI().contains("/remote.php/dav/uploads/")
				&& agent != null && agent.contains(CLIENT);
	}

	private static String session(String chunkUri) {
		return chunkUri.substring(0, chunkUri.lastIndexOf('/'));
	}

	/** Parts of chunked uploads the client sent and the server stored since {@code mark}, by URI. */
	private List<String> storedChunks(long mark) {
		return requests.since(mark)
			.stream()
			.filter(e -> e.from(CLIENT) && e.method().equals("PUT") && e.uri().contains("/remote.php/dav/uploads/")
					&& e.status() / 100 == 2)
			.map(RequestLog.Entry::uri)
			.toList();
	}

	private List<Path> conflictCopies(String folder) throws IOException {
		try (var listing = Files.list(local.resolve(folder))) {
			return listing.filter(p -> p.getFileName().toString().contains("(conflicted copy")).toList();
		}
	}

	/** The server holds what the local folder holds; conflict copies stay local, as the client wants. */
	private void assertSameTrees(String context) {
		TreeMap<String, byte[]> expected = LocalTree.read(local);
		expected.keySet().removeIf(path -> path.contains("(conflicted copy"));
		ServerTree.assertHolds(user, homeDir(user.username()), expected, context);
	}
}
