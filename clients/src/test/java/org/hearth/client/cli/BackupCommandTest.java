package org.hearth.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.hearth.client.remote.ChunkedUpload;
import org.hearth.client.remote.Sha1;
import org.hearth.client.remote.TransferListener;
import org.hearth.client.testing.CliRunner;
import org.hearth.client.testing.CliRunner.Result;
import org.hearth.client.testing.FakeHearthServer;
import org.hearth.client.testing.FakeHearthServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth backup} against the in-process fake server. */
class BackupCommandTest {

	private static final List<String> CHANGING = List.of("PUT", "MKCOL", "MOVE", "DELETE", "PROPPATCH", "COPY");

	@TempDir
	Path tmp;

	private FakeHearthServer server;

	private CliRunner cli;

	private Path configDir;

	private Path local;

	private Path remoteFiles;

	@BeforeEach
	void start() throws IOException {
		remoteFiles = Files.createDirectories(tmp.resolve("server-files"));
		configDir = tmp.resolve("config");
		local = Files.createDirectories(tmp.resolve("Pictures"));
		server = new FakeHearthServer(remoteFiles);
		cli = new CliRunner(configDir);
		cli.login(server);
		write("a.txt", "alpha");
		write("2024/summer/beach.jpg", "sand and sea");
		write("2024/Grüße + #1 [x] 100%.txt", "tricky");
		write("empty.bin", "");
		Files.createDirectories(local.resolve("empty folder"));
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private Path write(String relative, String content) throws IOException {
		Path file = local.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return file;
	}

	private Result backup(int expectedExit, String... options) {
		String[] args = Stream.concat(Stream.of("backup", local.toString(), "/Backup/pics"), Stream.of(options))
			.toArray(String[]::new);
		Result r = cli.run(args);
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(expectedExit);
		return r;
	}

	private List<Request> requestsSince(int index) {
		List<Request> all = server.requests();
		return all.subList(index, all.size());
	}

	private static String sha1(Path file) throws IOException {
		return Sha1.hex(file, TransferListener.NONE);
	}

	private Path onServer(String relative) {
		return remoteFiles.resolve("Backup/pics").resolve(relative);
	}

	@Test
	void firstRunUploadsTheTreeAndTheSecondSendsNothing() throws IOException {
		Files.createDirectories(remoteFiles.resolve("Backup"));
		backup(0);

		for (String f : List.of("a.txt", "2024/summer/beach.jpg", "2024/Grüße + #1 [x] 100%.txt", "empty.bin")) {
			assertThat(sha1(onServer(f))).as(f).isEqualTo(sha1(local.resolve(f)));
			assertThat(Files.getLastModifiedTime(onServer(f)).toInstant().getEpochSecond()).as(f + ": X-OC-Mtime")
				.isEqualTo(Files.getLastModifiedTime(local.resolve(f)).toInstant().getEpochSecond());
		}
		assertThat(onServer("empty folder")).isDirectory();
		Request put = server.lastRequest("PUT");
		assertThat(put.headers().getFirst("OC-Checksum")).startsWith("SHA1:");
		assertThat(put.headers().getFirst("X-OC-Mtime")).isNotBlank();
		assertThat(put.headers().getFirst("If-Match")).as("new files replace nothing").isNull();
		assertThat(Files.list(configDir.resolve("state")).toList()).hasSize(1);

		int before = server.requests().size();
		Result again = backup(0);
		List<Request> second = requestsSince(before);
		assertThat(second).extracting(Request::method).containsOnly("PROPFIND");
		assertThat(second).as("root stat + one listing per folder: pics, 2024, summer, empty folder").hasSize(1 + 4);
		assertThat(again.out()).contains("0 file(s) uploaded").contains("4 unchanged");
	}

	@Test
	void changedFilesAreReplacedAndLocalDeletionsNeverReachTheServer() throws IOException {
		backup(0);
		Path a = write("a.txt", "alpha, edited");
		Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(60)));
		Files.delete(local.resolve("2024/summer/beach.jpg"));

		int before = server.requests().size();
		backup(0);

		assertThat(Files.readString(onServer("a.txt"))).isEqualTo("alpha, edited");
		assertThat(onServer("2024/summer/beach.jpg")).as("backup never deletes on the server").exists();
		List<Request> puts = requestsSince(before).stream().filter(r -> r.method().equals("PUT")).toList();
		assertThat(puts).hasSize(1);
		assertThat(puts.get(0).headers().getFirst("If-Match")).as("replaces only what it uploaded").isNotBlank();
		assertThat(requestsSince(before)).extracting(Request::method).doesNotContain("DELETE");
	}

	@Test
	void touchedButUnchangedFilesAreHashedNotUploaded() throws IOException {
		backup(0);
		Files.setLastModifiedTime(local.resolve("a.txt"), FileTime.from(Instant.now().plusSeconds(120)));
		int before = server.requests().size();
		backup(0);
		assertThat(requestsSince(before)).extracting(Request::method).containsOnly("PROPFIND");
	}

	@Test
	void aServerFileTheBackupDidNotUploadIsNeverOverwritten() throws IOException {
		Files.createDirectories(onServer(""));
		Files.writeString(onServer("a.txt"), "the server's own version");

		Result first = backup(ExitCodes.INCOMPLETE, "--device", "laptop");

		assertThat(Files.readString(onServer("a.txt"))).isEqualTo("the server's own version");
		assertThat(Files.readString(onServer("a (conflict from laptop).txt"))).isEqualTo("alpha");
		assertThat(first.out()).contains("beside /Backup/pics/a.txt");
		assertThat(Files.readString(local.resolve("a.txt"))).as("nothing changes locally").isEqualTo("alpha");

		write("a.txt", "alpha 2");
		backup(ExitCodes.INCOMPLETE, "--device", "laptop");
		assertThat(Files.readString(onServer("a.txt"))).isEqualTo("the server's own version");
		assertThat(Files.readString(onServer("a (conflict from laptop).txt"))).as("the copy is the backup's own")
			.isEqualTo("alpha 2");

		Files.writeString(onServer("a (conflict from laptop).txt"), "edited on the server");
		write("a.txt", "alpha 3");
		Result blocked = backup(ExitCodes.INCOMPLETE, "--device", "laptop");
		assertThat(blocked.err()).contains("skipped /a.txt");
		assertThat(Files.readString(onServer("a (conflict from laptop).txt"))).isEqualTo("edited on the server");
	}

	@Test
	void identicalServerFilesAreAdoptedWithoutUploading() throws IOException {
		Files.createDirectories(onServer(""));
		Files.writeString(onServer("a.txt"), "alpha");
		backup(0);
		assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT"))
			.noneMatch(r -> r.rawPath().endsWith("/a.txt"));

		write("a.txt", "alpha changed");
		backup(0);
		assertThat(Files.readString(onServer("a.txt"))).as("adopted, so now owned and replaced")
			.isEqualTo("alpha changed");
	}

	@Test
	void dryRunPrintsThePlanAndChangesNothing() throws IOException {
		int before = server.requests().size();
		Result r = backup(0, "--dry-run");

		assertThat(requestsSince(before)).extracting(Request::method).doesNotContainAnyElementsOf(CHANGING);
		assertThat(r.out()).contains("would create folder /Backup/pics/2024/summer")
			.contains("would upload /Backup/pics/a.txt (5 bytes)")
			.contains("dry run: nothing was changed");
		assertThat(remoteFiles.resolve("Backup")).doesNotExist();
		assertThat(configDir.resolve("state")).as("no state written either").doesNotExist();

		backup(0);
		write("a.txt", "changed!");
		before = server.requests().size();
		Result changed = backup(0, "-n");
		assertThat(changed.out()).contains("would replace /Backup/pics/a.txt");
		assertThat(requestsSince(before)).extracting(Request::method).containsOnly("PROPFIND");
		assertThat(Files.readString(onServer("a.txt"))).isEqualTo("alpha");
	}

	@Test
	void hearthignoreAndDefaultJunkAreLeftOut() throws IOException {
		Files.writeString(local.resolve(".hearthignore"), "# raw files stay home\n!keep.raw\n*.raw\n/2024/summer\n");
		write("x.raw", "raw");
		write("keep.raw", "keep");
		write("sub/y.raw", "raw");
		write(".DS_Store", "junk");
		write("sub/Thumbs.db", "junk");

		backup(0);

		assertThat(onServer("x.raw")).doesNotExist();
		assertThat(onServer("sub/y.raw")).doesNotExist();
		assertThat(onServer("keep.raw")).exists();
		assertThat(onServer("2024/summer")).doesNotExist();
		assertThat(onServer("2024/Grüße + #1 [x] 100%.txt")).exists();
		assertThat(onServer(".DS_Store")).doesNotExist();
		assertThat(onServer("sub/Thumbs.db")).doesNotExist();
		assertThat(onServer(".hearthignore")).doesNotExist();

		Files.writeString(local.resolve(".hearthignore"), "[broken\n");
		Result bad = cli.run("backup", local.toString(), "/Backup/pics");
		assertThat(bad.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
		assertThat(bad.err()).contains(".hearthignore line 1");
	}

	@Test
	void bigFilesGoInChunksAndAnInterruptedUploadResumes() throws IOException {
		byte[] content = new byte[5 * 1024 + 17];
		new Random(3).nextBytes(content);
		Path big = local.resolve("big.bin");
		Files.write(big, content);
		server.chunkedUploads().failChunkPutAfter(2);

		Result broken = cli.run("backup", local.toString(), "/Backup/pics", "--chunk-size", "1K");
		assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(ExitCodes.SERVER_ERROR);
		assertThat(onServer("big.bin")).doesNotExist();

		int before = server.requests().size();
		backup(0, "--chunk-size", "1K");

		assertThat(Files.readAllBytes(onServer("big.bin"))).isEqualTo(content);
		List<String> chunkPuts = requestsSince(before).stream()
			.filter(r -> r.method().equals("PUT") && r.rawPath().contains("/uploads/"))
			.map(r -> r.rawPath().substring(r.rawPath().lastIndexOf('/') + 1))
			.toList();
		assertThat(chunkPuts).as("chunks 0 and 1 arrived before the failure")
			.containsExactly(ChunkedUpload.chunkName(2), ChunkedUpload.chunkName(3), ChunkedUpload.chunkName(4),
					ChunkedUpload.chunkName(5));
		assertThat(server.lastRequest("MOVE").headers().getFirst("OC-Checksum")).isEqualTo("SHA1:" + sha1(big));
		assertThat(server.chunkedUploads().sessions()).isEmpty();
	}

	@Test
	void argumentsAreChecked() throws IOException {
		assertThat(cli.run("backup", tmp.resolve("missing").toString(), "/x").exitCode()).isEqualTo(ExitCodes.USER_ERROR);
		assertThat(cli.run("backup", local.toString(), "/x", "--chunk-size", "0").exitCode())
			.isEqualTo(ExitCodes.USER_ERROR);
		Files.writeString(remoteFiles.resolve("file"), "x");
		Result onFile = cli.run("backup", local.toString(), "/file");
		assertThat(onFile.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
		assertThat(onFile.err()).contains("is a file");
	}
}
