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
import java.util.stream.Stream;

import org.hearth.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGKILL of the server while it MOVEs a folder of 3,000 files (the metadata of every descendant changes in one
 * transaction, the disk changes by one rename, a journal row records the intent first). Each run kills at another
 * moment, restarts on the same data folder and database and checks that the folder is in exactly one place with
 * all files, that disk and database agree, and that every file and folder kept its id. The runs share one tree,
 * moving it back and forth; each starts from the state the previous one verified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KillDuringMoveIT {

	private static final int FOLDERS = 10;

	private static final int FILES = 3_000;

	private static final long SEED = 20261123L;

	private static final String HERE = "tree";

	private static final String THERE = "moved";

	private ServerProcess server;

	private Dav user;

	private Path home;

	/** Path inside the tree ("" is the tree itself) to the SHA-1 of its content, null for folders. */
	private final Map<String, String> expected = new TreeMap<>();

	private String location = HERE;

	/** How long an uninterrupted MOVE of the tree takes, from sending to the answer. */
	private long moveNanos;

	@BeforeAll
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void createTree() throws Exception {
		server = ServerProcess.create("move").start();
		user = server.createUser("mover");
		home = server.homeDir("mover");
		user.mkcolOk(HERE);
		expected.put("", null);
		for (int d = 0; d < FOLDERS; d++) {
			user.mkcolOk(HERE + "/d" + d);
			expected.put("d" + d, null);
		}
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> puts = new ArrayList<>();
			for (int i = 0; i < FILES; i++) {
				String path = "d" + (i % FOLDERS) + "/f" + i + ".bin";
				byte[] content = Content.smallFile(SEED, i);
				expected.put(path, Content.sha1(content));
				puts.add(pool.submit(() -> user.putOk(HERE + "/" + path, content)));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			for (Future<?> put : puts) {
				put.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		System.out.printf("[crash] %s: %d PUTs in %d ms%n", TestDatabase.kind(), FILES,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		Map<String, String> ids = idsOf(checkTree(), HERE);

		// an uninterrupted move, to know how long one takes and that ids survive it without a crash
		long sent = System.nanoTime();
		try (Socket socket = user.sendRawMove(HERE, THERE)) {
			assertThat(Dav.readStatus(socket)).isEqualTo(201);
		}
		moveNanos = System.nanoTime() - sent;
		location = THERE;
		System.out.printf("[crash] %s: uninterrupted MOVE of %d files took %d ms%n", TestDatabase.kind(), FILES,
				TimeUnit.NANOSECONDS.toMillis(moveNanos));
		assertSameIds("an uninterrupted move", ids, idsOf(checkTree(), THERE));
	}

	@AfterAll
	void tearDown() {
		if (server != null) {
			server.close();
			server.deleteDataDir();
		}
	}

	/**
	 * When to kill, counted from the moment the request left: a fixed delay, or a fraction of how long an
	 * uninterrupted run of the same request took, or as soon as the answer arrives. {@link KillDuringTrashIT} uses
	 * the same moments.
	 */
	record Moment(String name, long fixedMillis, double fraction, boolean afterAnswer) {

		static Moment after(long millis, String name) {
			return new Moment(name, millis, 0, false);
		}

		static Moment fraction(double fraction) {
			return new Moment("after " + Math.round(fraction * 100) + "% of an uninterrupted run", 0, fraction, false);
		}

		long delayNanos(long uninterruptedNanos) {
			return fixedMillis > 0 ? TimeUnit.MILLISECONDS.toNanos(fixedMillis)
					: (long) (fraction * uninterruptedNanos);
		}

		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Moment> moments() {
		return Stream.of(Moment.after(0, "immediately after sending"), Moment.after(3, "after 3 ms"),
				Moment.fraction(0.3), Moment.fraction(0.6), Moment.fraction(0.9),
				new Moment("right after the answer", 0, 0, true));
	}

	@ParameterizedTest(name = "kill {0}")
	@MethodSource("moments")
	void killDuringMove(Moment moment) throws Exception {
		String from = location;
		String to = from.equals(HERE) ? THERE : HERE;
		// the ids as this run finds them: a failed earlier run does not make every later one fail too
		Map<String, String> before = idsOf(checkTree(), from);
		assertThat(before).as("the tree at /%s before this run", from).hasSize(expected.size());
		long delayNanos = moment.delayNanos(moveNanos);
		Integer answered = null;
		long sent = System.nanoTime();
		long killedAt;
		try (Socket socket = user.sendRawMove(from, to)) {
			if (moment.afterAnswer()) {
				answered = Dav.readStatus(socket);
				assertThat(answered).isEqualTo(201);
			}
			else if (delayNanos > 0) {
				Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
			}
			killedAt = System.nanoTime();
			server.kill9();
		}
		long killedAfterMillis = TimeUnit.NANOSECONDS.toMillis(killedAt - sent);
		String onDiskAtKill = where();

		server.start();
		String now = where();
		location = now.equals(HERE) || now.equals(THERE) ? now : location;
		System.out.printf("[crash] %s: killed %s (%d ms after sending, %s); on disk at the kill: %s; after restart: %s%s%n",
				TestDatabase.kind(), moment, killedAfterMillis,
				answered == null ? "no answer yet" : "answered " + answered, onDiskAtKill, now,
				server.logText().contains("undoing unfinished") ? " (the journal undid the move)" : "");
		assertThat(leftovers()).as("temporary files after the startup check").isEmpty();
		assertThat(now).as("the folder is on disk in exactly one place").isIn(HERE, THERE);
		String gone = now.equals(HERE) ? THERE : HERE;
		assertThat(user.stat(gone)).as("PROPFIND /%s (not on disk)", gone).isNull();
		assertThat(user.stat(now)).as("PROPFIND /%s (on disk)", now).isNotNull();
		if (answered != null) {
			assertThat(now).as("a MOVE answered %d before the kill stays done", answered).isEqualTo(to);
		}
		Map<String, Dav.Resource> all = checkTree();
		assertSameIds("the crash", before, idsOf(all, now));
	}

	/** Where the tree is on disk: HERE, THERE, "both" or "nowhere". */
	private String where() {
		boolean here = Files.exists(home.resolve(HERE));
		boolean there = Files.exists(home.resolve(THERE));
		return here && there ? "both" : here ? HERE : there ? THERE : "nowhere";
	}

	/** Checks disk against the server and against the generated content; returns every listed resource. */
	private Map<String, Dav.Resource> checkTree() {
		Map<String, Dav.Resource> all = HomeCheck.assertConsistent(user, home);
		String root = all.containsKey(HERE) ? HERE : THERE;
		assertThat(all.containsKey(HERE) && all.containsKey(THERE)).as("the tree is listed in two places").isFalse();
		Map<String, String> found = new TreeMap<>();
		all.forEach((path, resource) -> {
			if (path.equals(root) || path.startsWith(root + "/")) {
				found.put(path.substring(Math.min(path.length(), root.length() + 1)),
						resource.directory() ? null : resource.sha1());
			}
		});
		List<String> missing = expected.keySet().stream().filter(path -> !found.containsKey(path)).toList();
		List<String> extra = found.keySet().stream().filter(path -> !expected.containsKey(path)).toList();
		List<String> wrong = expected.keySet()
			.stream()
			.filter(path -> found.containsKey(path) && !Objects.equals(found.get(path), expected.get(path)))
			.toList();
		if (!missing.isEmpty() || !extra.isEmpty() || !wrong.isEmpty()) {
			throw new AssertionError(String.format(
					"the tree in /%s differs from what was uploaded: %d missing %s, %d unexpected %s, %d with other"
							+ " content %s",
					root, missing.size(), first(missing), extra.size(), first(extra), wrong.size(), first(wrong)));
		}
		return all;
	}

	/** Every file and folder of the tree kept its oc:fileid; reports how many did not, with a few examples. */
	private static void assertSameIds(String after, Map<String, String> before, Map<String, String> now) {
		List<String> changed = before.keySet()
			.stream()
			.filter(path -> !Objects.equals(before.get(path), now.get(path)))
			.toList();
		if (!changed.isEmpty()) {
			throw new AssertionError(String.format("%d of %d file ids in the tree changed after %s, e.g. %s",
					changed.size(), before.size(), after,
					first(changed).stream().map(path -> "/" + path + ": " + before.get(path) + " -> " + now.get(path))
						.toList()));
		}
	}

	private static List<String> first(List<String> list) {
		return list.subList(0, Math.min(5, list.size()));
	}

	private static Map<String, String> idsOf(Map<String, Dav.Resource> all, String root) {
		Map<String, String> ids = new TreeMap<>();
		all.forEach((path, resource) -> {
			if (path.equals(root) || path.startsWith(root + "/")) {
				ids.put(path.substring(Math.min(path.length(), root.length() + 1)), resource.fileId());
			}
		});
		return ids;
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
