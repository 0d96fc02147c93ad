package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hearth.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGKILL of the server while a DELETE moves a folder of 3,000 files to the trash (an intent row, then one
 * transaction moving every node row and one rename on disk). Each run kills at another moment, restarts on the
 * same data folder and database and checks that the folder is either wholly in place and not in the trash, or wholly
 * in the trash (one item, every file with its content) and not in place; that disk and database agree; and, after
 * restoring it, that every file and folder kept its id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KillDuringTrashIT {

	private static final int FOLDERS = 10;

	private static final int FILES = 3_000;

	private static final long SEED = 20261203L;

	private static final String TREE = "tree";

	private static final Pattern ITEM_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private ServerProcess server;

	private Dav user;

	private Path home;

	/** Path inside the tree ("" is the tree itself) to the SHA-1 of its content, null for folders. */
	private final Map<String, String> expected = new TreeMap<>();

	/** The oc:fileid of every file and folder of the tree. */
	private Map<String, String> ids;

	private long deleteNanos;

	@BeforeAll
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void createTree() throws Exception {
		server = ServerProcess.create("trash").start();
		user = server.createUser("deleter");
		home = server.homeDir("deleter");
		user.mkcolOk(TREE);
		expected.put("", null);
		for (int d = 0; d < FOLDERS; d++) {
			user.mkcolOk(TREE + "/d" + d);
			expected.put("d" + d, null);
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> puts = new ArrayList<>();
			for (int i = 0; i < FILES; i++) {
				String path = "d" + (i % FOLDERS) + "/f" + i + ".bin";
				byte[] content = Content.smallFile(SEED, i);
				expected.put(path, Content.sha1(content));
				puts.add(pool.submit(() -> user.putOk(TREE + "/" + path, content)));
			}
			for (Future<?> put : puts) {
				put.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		ids = idsInPlace();

		long sent = System.nanoTime();
		try (Socket socket = user.sendRawDelete(TREE)) {
			assertThat(Dav.readStatus(socket)).isEqualTo(204);
		}
		deleteNanos = System.nanoTime() - sent;
		System.out.printf("[crash] %s: uninterrupted DELETE (to the trash) of %d files took %d ms%n",
				TestDatabase.kind(), FILES, TimeUnit.NANOSECONDS.toMillis(deleteNanos));
		assertInTrash();
		restore();
	}

	@AfterAll
	void tearDown() {
		if (server != null) {
			server.close();
			server.deleteDataDir();
		}
	}

	/**
	 * The moments of {@link KillDuringMoveIT}, two early ones (a fast database finishes long before the measured
	 * duration, which includes the first run's warm-up) and two near the end, where the rename waits for the commit.
	 */
	static Stream<KillDuringMoveIT.Moment> moments() {
		return Stream.concat(KillDuringMoveIT.moments(),
				Stream.of(0.1, 0.2, 0.97, 1.0).map(KillDuringMoveIT.Moment::fraction));
	}

	@ParameterizedTest(name = "kill {0}")
	@MethodSource("moments")
	void killDuringDelete(KillDuringMoveIT.Moment moment) throws Exception {
		assertThat(where()).as("the tree before this run").isEqualTo("in place");
		long delayNanos = moment.delayNanos(deleteNanos);
		Integer answered = null;
		long sent = System.nanoTime();
		long killedAt;
		try (Socket socket = user.sendRawDelete(TREE)) {
			if (moment.afterAnswer()) {
				answered = Dav.readStatus(socket);
				assertThat(answered).isEqualTo(204);
			}
			else if (delayNanos > 0) {
				Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
			}
			killedAt = System.nanoTime();
			server.kill9();
		}
		String onDiskAtKill = where();

		server.start();
		String now = where();
		System.out.printf("[crash] %s: killed %s (%d ms after sending, %s); on disk at the kill: %s; after restart: %s%s%n",
				TestDatabase.kind(), moment, TimeUnit.NANOSECONDS.toMillis(killedAt - sent),
				answered == null ? "no answer yet" : "answered " + answered, onDiskAtKill, now,
				server.logText().contains("undoing unfinished move") ? " (the start-up check undid it)" : "");
		assertThat(leftovers()).as("temporary files after the startup check").isEmpty();
		assertThat(now).as("the tree is on disk in exactly one place").isIn("in place", "in the trash");
		if (answered != null) {
			assertThat(now).as("a DELETE answered before the kill stays done").isEqualTo("in the trash");
		}
		if (now.equals("in place")) {
			assertThat(trashIds()).as("trash items while the tree is in place").isEmpty();
			assertThat(idsInPlace()).isEqualTo(ids);
		}
		else {
			assertInTrash();
			restore();
		}
	}

	/** The tree is not in the home (DB and disk) but is one trash item whose folder on disk holds all of it. */
	private void assertInTrash() {
		Map<String, Dav.Resource> listed = HomeCheck.assertConsistent(user, home);
		assertThat(listed).as("the tree is not listed").doesNotContainKey(TREE);
		assertThat(trashIds()).as("trash items").hasSize(1);
		List<Path> items = trashDirs();
		assertThat(items).as("trash folders on disk").hasSize(1);
		Map<String, String> found = new TreeMap<>();
		try (Stream<Path> all = Files.walk(items.get(0))) {
			all.forEach(path -> found.put(items.get(0).relativize(path).toString(),
					Files.isDirectory(path) ? null : Content.sha1(path)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertThat(found).as("the tree's content in the trash").isEqualTo(expected);
	}

	/** Restores the one trash item through the REST API; the tree is back with every id. */
	private void restore() {
		List<Long> items = trashIds();
		assertThat(items).hasSize(1);
		var restored = user.callAs("POST", "/api/trash/" + items.get(0) + "/restore");
		assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
		assertThat(restored.body()).contains("\"/" + TREE + "\"");
		Map<String, String> now = idsInPlace();
		List<String> changed = ids.keySet().stream().filter(path -> !Objects.equals(ids.get(path), now.get(path))).toList();
		assertThat(changed).as("file ids changed by delete and restore").isEmpty();
		assertThat(trashDirs()).isEmpty();
	}

	/** Checks the home against the disk and the uploaded content; returns the tree's ids. */
	private Map<String, String> idsInPlace() {
		Map<String, Dav.Resource> all = HomeCheck.assertConsistent(user, home);
		Map<String, String> found = new TreeMap<>();
		Map<String, String> idsFound = new TreeMap<>();
		all.forEach((path, resource) -> {
			if (path.equals(TREE) || path.startsWith(TREE + "/")) {
				String relative = path.substring(Math.min(path.length(), TREE.length() + 1));
				found.put(relative, resource.directory() ? null : resource.sha1());
				idsFound.put(relative, resource.fileId());
			}
		});
		assertThat(found).as("the tree in place").isEqualTo(expected);
		return idsFound;
	}

	private List<Long> trashIds() {
		var response = user.callAs("GET", "/api/trash");
		assertThat(response.statusCode()).isEqualTo(200);
		List<Long> found = new ArrayList<>();
		Matcher m = ITEM_ID.matcher(response.body());
		while (m.find()) {
			found.add(Long.parseLong(m.group(1)));
		}
		return found;
	}

	/** "in place", "in the trash", "both" or "nowhere", as the disk has it. */
	private String where() {
		boolean inPlace = Files.exists(home.resolve(TREE));
		boolean inTrash = !trashDirs().isEmpty();
		return inPlace && inTrash ? "both" : inPlace ? "in place" : inTrash ? "in the trash" : "nowhere";
	}

	private List<Path> trashDirs() {
		Path trash = server.dataDir().resolve(".hearth/trash");
		if (!Files.exists(trash)) {
			return List.of();
		}
		try (Stream<Path> owners = Files.list(trash)) {
			List<Path> items = new ArrayList<>();
			for (Path owner : owners.toList()) {
				try (Stream<Path> inOwner = Files.list(owner)) {
					items.addAll(inOwner.toList());
				}
			}
			return items;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private List<Path> leftovers() {
		try (var files = Files.list(server.tempDir())) {
			return files.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
