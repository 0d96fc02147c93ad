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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hearth.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
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

	@RegisterExtension
	static final SharedServer SHARED = new SharedServer("trash");

	private ServerProcess server;

	private Dav user;

	private Path home;

	private FileTree tree;

	/** The oc:fileid of every file and folder of the tree. */
	private Map<String, String> ids;

	private long deleteNanos;

	@BeforeAll
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void createTree() throws Exception {
		server = SHARED.running();
		user = server.createUser("deleter");
		home = server.homeDir("deleter");
		tree = FileTree.upload(user, TREE, FOLDERS, FILES, SEED);
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

	/**
	 * The moments of {@link KillDuringMoveIT}, two early ones (a fast database finishes long before the measured
	 * duration, which includes the first run's warm-up) and two near the end, where the rename waits for the commit.
	 */
	static Stream<KillMoment> moments() {
		return Stream.concat(KillDuringMoveIT.moments(), Stream.of(0.1, 0.2, 0.97, 1.0).map(KillMoment::fraction));
	}

	@ParameterizedTest(name = "kill {0}")
	@MethodSource("moments")
	void killDuringDelete(KillMoment moment) throws Exception {
		server = SHARED.running();
		assertThat(where()).as("the tree before this run").isEqualTo("in place");
		KillMoment.Kill kill = moment.killDuring(server, () -> user.sendRawDelete(TREE), deleteNanos, 204);
		String onDiskAtKill = where();

		server.start();
		String now = where();
		System.out.printf("[crash] %s: killed %s (%s); on disk at the kill: %s; after restart: %s%s%n",
				TestDatabase.kind(), moment, kill, onDiskAtKill, now,
				server.logText().contains("undoing unfinished move") ? " (the start-up check undid it)" : "");
		assertThat(server.temporaryFiles()).as("temporary files after the startup check").isEmpty();
		assertThat(now).as("the tree is on disk in exactly one place").isIn("in place", "in the trash");
		if (kill.answered() != null) {
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
		tree.assertOnDiskAt(items.get(0));
	}

	/** Restores the one trash item through the REST API; the tree is back with every id. */
	private void restore() {
		List<Long> items = trashIds();
		assertThat(items).hasSize(1);
		var restored = user.callAs("POST", "/api/trash/" + items.get(0) + "/restore");
		assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
		assertThat(restored.body()).contains("\"/" + TREE + "\"");
		FileTree.assertSameIds("delete and restore", ids, idsInPlace());
		assertThat(trashDirs()).isEmpty();
	}

	/** Checks the home against the disk and the uploaded content; returns the tree's ids. */
	private Map<String, String> idsInPlace() {
		Map<String, Dav.Resource> all = HomeCheck.assertConsistent(user, home);
		tree.assertListedAt(all, TREE);
		return FileTree.below(all, TREE, Dav.Resource::fileId);
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
}
