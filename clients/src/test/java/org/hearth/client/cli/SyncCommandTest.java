package org.hearth.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.hearth.client.testing.CliRunner;
import org.hearth.client.testing.CliRunner.Result;
import org.hearth.client.testing.FakeHearthServer;
import org.hearth.client.testing.FakeHearthServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth sync} against the in-process fake server. */
class SyncCommandTest {

	@TempDir
	Path tmp;

	private FakeHearthServer server;

	private CliRunner cli;

	private Path local;

	private Path remote;

	@BeforeEach
	void start() throws IOException {
		Path files = Files.createDirectories(tmp.resolve("server-files"));
		remote = Files.createDirectories(files.resolve("Docs"));
		local = Files.createDirectories(tmp.resolve("docs"));
		server = new FakeHearthServer(files);
		cli = new CliRunner(tmp.resolve("config"));
		cli.login(server);
		write(local, "a.txt", "local a");
		write(local, "sub/b.txt", "local b");
		write(remote, "c.txt", "remote c");
		write(remote, "rsub/d.txt", "remote d");
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private static Path write(Path root, String relative, String content) throws IOException {
		Path file = root.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		// a distinct mtime per write, so that a quick edit is not mistaken for the old version
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(content.length() * 7L)));
		return file;
	}

	/** Simulates someone editing a server file just before the sync's next request with {@code method} arrives. */
	private void editOnTheServerBefore(String method, String relative, String content) {
		server.beforeNext(method, () -> {
			try {
				write(remote, relative, content);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private Result sync(int expectedExit, String... options) {
		String[] args = Stream.concat(Stream.of("sync", local.toString(), "/Docs"), Stream.of(options))
			.toArray(String[]::new);
		Result r = cli.run(args);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(expectedExit);
		return r;
	}

	/** A sync right after a sync finds nothing to do: only PROPFINDs, exit 0. */
	private void assertTheNextSyncOnlyLooks() {
		int before = server.requests().size();
		sync(0);
		assertThat(methodsSince(before)).containsOnly("PROPFIND");
	}

	private List<String> methodsSince(int index) {
		List<Request> all = server.requests();
		return all.subList(index, all.size()).stream().map(Request::method).toList();
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> list = Files.list(folder)) {
			return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".fake")).sorted().toList();
		}
	}

	@Test
	void firstSyncCopiesBothWaysAndTheSecondDoesNothing() throws IOException {
		sync(0);

		assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("local a");
		assertThat(Files.readString(remote.resolve("sub/b.txt"))).isEqualTo("local b");
		assertThat(Files.readString(local.resolve("c.txt"))).isEqualTo("remote c");
		assertThat(Files.readString(local.resolve("rsub/d.txt"))).isEqualTo("remote d");
		assertThat(Files.getLastModifiedTime(local.resolve("c.txt")).toInstant().getEpochSecond())
			.isEqualTo(Files.getLastModifiedTime(remote.resolve("c.txt")).toInstant().getEpochSecond());
		try (Stream<Path> walk = Files.walk(local)) {
			assertThat(walk.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
		}

		int before = server.requests().size();
		Result again = sync(0);
		assertThat(methodsSince(before)).containsOnly("PROPFIND");
		assertThat(again.out()).contains("4 file(s) were already in sync");
	}

	@Test
	void editsTravelInBothDirections() throws IOException {
		sync(0);
		write(local, "a.txt", "local a, edited");
		write(remote, "c.txt", "remote c, edited");

		sync(0);

		assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("local a, edited");
		assertThat(Files.readString(local.resolve("c.txt"))).isEqualTo("remote c, edited");
		assertThat(server.lastRequest("PUT").headers().getFirst("If-Match")).as("replaces only the known version")
			.isNotBlank();
	}

	@Test
	void deletionsPropagateForFilesAndFolders() throws IOException {
		sync(0);
		Files.delete(local.resolve("a.txt"));
		Files.delete(remote.resolve("c.txt"));
		Files.delete(local.resolve("sub/b.txt"));
		Files.delete(local.resolve("sub"));
		Files.delete(remote.resolve("rsub/d.txt"));
		Files.delete(remote.resolve("rsub"));

		sync(0);

		assertThat(names(remote)).isEmpty();
		assertThat(names(local)).isEmpty();
		assertTheNextSyncOnlyLooks();
	}

	@Test
	void aDeletionNeverDestroysAnEditOnTheOtherSide() throws IOException {
		sync(0);
		Files.delete(local.resolve("c.txt"));
		write(remote, "c.txt", "remote c, edited meanwhile");
		Files.delete(remote.resolve("a.txt"));
		write(local, "a.txt", "local a, edited meanwhile");

		sync(0);

		assertThat(Files.readString(local.resolve("c.txt"))).isEqualTo("remote c, edited meanwhile");
		assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("local a, edited meanwhile");
	}

	@Test
	void editsOnBothSidesKeepBothVersions() throws IOException {
		sync(0);
		write(local, "a.txt", "mine");
		write(remote, "a.txt", "theirs!");
		Result dry = sync(ExitCodes.INCOMPLETE, "--dry-run");
		assertThat(dry.out()).contains("would keep both versions of /Docs/a.txt");
		assertThat(Files.readString(local.resolve("a.txt"))).isEqualTo("mine");

		Result r = sync(ExitCodes.INCOMPLETE);

		assertThat(r.err()).contains("conflict: /Docs/a.txt");
		assertThat(Files.readString(local.resolve("a.txt"))).isEqualTo("theirs!");
		List<String> copies = names(local).stream().filter(n -> n.startsWith("a (conflicted copy ")).toList();
		assertThat(copies).hasSize(1);
		assertThat(Files.readString(local.resolve(copies.get(0)))).isEqualTo("mine");
		assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("theirs!");
		assertThat(Files.readString(remote.resolve(copies.get(0)))).as("the conflicted copy is on the server too")
			.isEqualTo("mine");

		assertTheNextSyncOnlyLooks();
	}

	@Test
	void aServerChangeDuringTheSyncGives412AndBecomesAConflict() throws IOException {
		sync(0);
		write(local, "a.txt", "mine");
		editOnTheServerBefore("PUT", "a.txt", "changed on the server just now");

		sync(ExitCodes.INCOMPLETE);

		assertThat(Files.readString(remote.resolve("a.txt"))).isEqualTo("changed on the server just now");
		assertThat(Files.readString(local.resolve("a.txt"))).isEqualTo("changed on the server just now");
		assertThat(names(local)).anySatisfy(n -> assertThat(n).startsWith("a (conflicted copy "));
	}

	@Test
	void aServerEditDuringTheSyncIsNotDeleted() throws IOException {
		sync(0);
		Files.delete(local.resolve("c.txt"));
		editOnTheServerBefore("DELETE", "c.txt", "edited on the server just now");

		Result r = sync(ExitCodes.INCOMPLETE);

		assertThat(r.err()).contains("not deleted");
		assertThat(server.lastRequest("DELETE").headers().getFirst("If-Match")).isNotBlank();
		assertThat(Files.readString(remote.resolve("c.txt"))).isEqualTo("edited on the server just now");
		sync(0);
		assertThat(Files.readString(local.resolve("c.txt"))).as("the edit comes back").isEqualTo(
				"edited on the server just now");
	}

	@Test
	void dryRunChangesNothingOnEitherSide() throws IOException {
		int before = server.requests().size();
		Result r = sync(0, "--dry-run");

		assertThat(methodsSince(before)).containsOnly("PROPFIND");
		assertThat(r.out()).contains("would upload /Docs/a.txt").contains("would download /Docs/c.txt")
			.contains("would create folder /Docs/sub");
		assertThat(names(local)).containsExactly("a.txt", "sub");
		assertThat(names(remote)).containsExactly("c.txt", "rsub");
		assertThat(tmp.resolve("config/state")).doesNotExist();
	}

	@Test
	void ignoredFilesStayWhereTheyAre() throws IOException {
		Files.writeString(local.resolve(".hearthignore"), "*.tmp\n");
		write(local, "x.tmp", "local only");
		write(remote, "y.tmp", "server only");

		sync(0);

		assertThat(remote.resolve("x.tmp")).doesNotExist();
		assertThat(local.resolve("y.tmp")).doesNotExist();
		assertThat(remote.resolve(".hearthignore")).doesNotExist();
	}

	@Test
	void bigFilesAreUploadedInChunks() throws IOException {
		byte[] content = new byte[3 * 1024 + 5];
		new java.util.Random(11).nextBytes(content);
		Files.write(local.resolve("big.bin"), content);

		sync(0, "--chunk-size", "1K");

		assertThat(Files.readAllBytes(remote.resolve("big.bin"))).isEqualTo(content);
		assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT") && r.rawPath().contains("/uploads/"))
			.hasSize(4);
		assertThat(server.lastRequest("MOVE").rawPath()).endsWith("/.file");
	}

	@Test
	void theRemoteFolderMustExist() {
		Result r = cli.run("sync", local.toString(), "/Nope");
		assertThat(r.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
		assertThat(r.err()).contains("no such remote folder");
	}
}
