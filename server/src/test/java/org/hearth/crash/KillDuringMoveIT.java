package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hearth.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
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

	@RegisterExtension
	static final SharedServer SHARED = new SharedServer("move");

	private ServerProcess server;

	private Dav user;

	private Path home;

	private FileTree tree;

	private String location = HERE;

	/** How long an uninterrupted MOVE of the tree takes, from sending to the answer. */
	private long moveNanos;

	@BeforeAll
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void createTree() throws Exception {
		server = SHARED.running();
		user = server.createUser("mover");
		home = server.homeDir("mover");
		long started = System.nanoTime();
		tree = FileTree.upload(user, HERE, FOLDERS, FILES, SEED);
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
		FileTree.assertSameIds("an uninterrupted move", ids, idsOf(checkTree(), THERE));
	}

	/** Early moments, three fractions of an uninterrupted run and right after the answer. */
	static Stream<KillMoment> moments() {
		return Stream.of(KillMoment.after(0, "immediately after sending"), KillMoment.after(3, "after 3 ms"),
				KillMoment.fraction(0.3), KillMoment.fraction(0.6), KillMoment.fraction(0.9),
				KillMoment.rightAfterTheAnswer());
	}

	@ParameterizedTest(name = "kill {0}")
	@MethodSource("moments")
	void killDuringMove(KillMoment moment) throws Exception {
		server = SHARED.running();
		String from = location;
		String to = from.equals(HERE) ? THERE : HERE;
		// the ids as this run finds them: a failed earlier run does not make every later one fail too
		Map<String, String> before = idsOf(checkTree(), from);
		assertThat(before).as("the tree at /%s before this run", from).hasSize(tree.size());
		KillMoment.Kill kill = moment.killDuring(server, () -> user.sendRawMove(from, to), moveNanos, 201);
		String onDiskAtKill = where();

		server.start();
		String now = where();
		location = now.equals(HERE) || now.equals(THERE) ? now : location;
		System.out.printf("[crash] %s: killed %s (%s); on disk at the kill: %s; after restart: %s%s%n",
				TestDatabase.kind(), moment, kill, onDiskAtKill, now,
				server.logText().contains("undoing unfinished") ? " (the journal undid the move)" : "");
		assertThat(server.temporaryFiles()).as("temporary files after the startup check").isEmpty();
		assertThat(now).as("the folder is on disk in exactly one place").isIn(HERE, THERE);
		String gone = now.equals(HERE) ? THERE : HERE;
		assertThat(user.stat(gone)).as("PROPFIND /%s (not on disk)", gone).isNull();
		assertThat(user.stat(now)).as("PROPFIND /%s (on disk)", now).isNotNull();
		if (kill.answered() != null) {
			assertThat(now).as("a MOVE answered %d before the kill stays done", kill.answered()).isEqualTo(to);
		}
		FileTree.assertSameIds("the crash", before, idsOf(checkTree(), now));
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
		assertThat(all.containsKey(HERE) && all.containsKey(THERE)).as("the tree is listed in two places").isFalse();
		tree.assertListedAt(all, all.containsKey(HERE) ? HERE : THERE);
		return all;
	}

	private static Map<String, String> idsOf(Map<String, Dav.Resource> all, String root) {
		return FileTree.below(all, root, Dav.Resource::fileId);
	}
}
