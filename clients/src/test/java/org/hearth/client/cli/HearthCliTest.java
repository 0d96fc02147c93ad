package org.hearth.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.hearth.client.config.CredentialStore;
import org.hearth.client.config.Credentials;
import org.hearth.client.remote.DavResource;
import org.hearth.client.testing.CliRunner;
import org.hearth.client.testing.CliRunner.Result;
import org.hearth.client.testing.FakeHearthServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole CLI against an in-process fake of the server contract (the real server is covered by HearthCliIT). */
class HearthCliTest {

	private static final String TRICKY = "Grüße + #1 [x] 100%.txt";

	@TempDir
	Path tmp;

	private FakeHearthServer server;

	private CliRunner cli;

	private Path configDir;

	private Path local;

	@BeforeEach
	void start() throws IOException {
		Path files = Files.createDirectories(tmp.resolve("server-files"));
		configDir = tmp.resolve("config");
		local = Files.createDirectories(tmp.resolve("local"));
		server = new FakeHearthServer(files);
		cli = new CliRunner(configDir);
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private void login() {
		cli.login(server);
	}

	private Result ok(String... args) {
		Result r = cli.run(args);
		assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
		return r;
	}

	@Test
	void loginStoresTheAppPasswordAndUserIdButNotThePassword() throws IOException {
		Result r = cli.runWithStdin(FakeHearthServer.PASSWORD + "\r\n", "login", server.url() + "/", "--user",
				FakeHearthServer.LOGIN, "--password-stdin");
		assertThat(r.exitCode()).as(r.toString()).isZero();
		assertThat(r.out()).contains("logged in").contains(FakeHearthServer.USER_ID);

		Credentials stored = new CredentialStore(configDir).load().orElseThrow();
		assertThat(stored.server()).hasToString(server.url().toString());
		assertThat(stored.login()).isEqualTo(FakeHearthServer.LOGIN);
		assertThat(stored.userId()).isEqualTo(FakeHearthServer.USER_ID);
		assertThat(server.issuedAppPasswords()).containsExactly(stored.appPassword());
		String file = Files.readString(configDir.resolve("credentials.properties"));
		assertThat(file).doesNotContain(FakeHearthServer.PASSWORD).doesNotContain("correct\\ horse");

		FakeHearthServer.Request lastGet = server.lastRequest("GET");
		assertThat(lastGet.rawPath()).isEqualTo("/ocs/v1.php/cloud/user");
		assertThat(server.requests().get(0).headers().getFirst("OCS-APIRequest")).isEqualTo("true");
		assertThat(server.requests().get(0).headers().getFirst("Accept")).isEqualTo("application/json");
	}

	@Test
	void wrongPasswordAndThrottlingGiveClearMessages() {
		server.maxFailedLogins(1);
		Result wrong = cli.runWithStdin("nope\n", "login", server.url().toString(), "-u", "alice", "--password-stdin");
		assertThat(wrong.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR);
		assertThat(wrong.err()).contains("wrong username or password");
		Result throttled = cli.runWithStdin("nope\n", "login", server.url().toString(), "-u", "alice", "--password-stdin");
		assertThat(throttled.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR);
		assertThat(throttled.err()).contains("too many failed attempts, try later");
		assertThat(configDir.resolve("credentials.properties")).doesNotExist();
	}

	@Test
	void usageErrorsAndMissingLoginExitWith1() {
		assertThat(cli.run().exitCode()).isEqualTo(1);
		assertThat(cli.run("frobnicate").exitCode()).isEqualTo(1);
		assertThat(cli.run("put").exitCode()).isEqualTo(1);
		assertThat(cli.run("ls", "--bogus").exitCode()).isEqualTo(1);
		assertThat(cli.run("login", "http://x").exitCode()).as("--user is required").isEqualTo(1);
		assertThat(cli.run("--help").exitCode()).isZero();
		assertThat(cli.run("put", "--help").exitCode()).isZero();
		Result notLoggedIn = cli.run("ls");
		assertThat(notLoggedIn.exitCode()).isEqualTo(1);
		assertThat(notLoggedIn.err()).contains("not logged in");
		Result badUrl = cli.runWithStdin("pw\n", "login", "cloud.example", "-u", "a", "--password-stdin");
		assertThat(badUrl.exitCode()).isEqualTo(1);
		assertThat(badUrl.err()).contains("http://");
	}

	@Test
	void unreachableServerIsAServerError() throws IOException {
		int port;
		try (var socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Result r = cli.runWithStdin("pw\n", "login", "http://127.0.0.1:" + port, "-u", "a", "--password-stdin");
		assertThat(r.exitCode()).isEqualTo(2);
		assertThat(r.err()).contains("cannot reach server");
	}

	@Test
	void fileLifecycle() throws Exception {
		login();
		ok("mkdir", "/Docs");
		assertThat(server.files().resolve("Docs")).isDirectory();

		Path tricky = local.resolve(TRICKY);
		Files.writeString(tricky, "hello, wörld\n");
		Instant mtime = Instant.parse("2023-05-06T07:08:09Z");
		Files.setLastModifiedTime(tricky, FileTime.from(mtime));
		Result put = ok("put", tricky.toString(), "/Docs");
		assertThat(put.out()).contains("uploaded /Docs/" + TRICKY);
		assertThat(server.files().resolve("Docs").resolve(TRICKY)).hasSameBinaryContentAs(tricky);
		FakeHearthServer.Request request = server.lastRequest("PUT");
		assertThat(request.headers().getFirst("X-OC-Mtime")).isEqualTo(Long.toString(mtime.getEpochSecond()));
		assertThat(request.headers().getFirst("OC-Checksum")).isEqualTo("SHA1:" + sha1(tricky));
		assertThat(request.rawPath()).endsWith("/Docs/Gr%C3%BC%C3%9Fe%20%2B%20%231%20%5Bx%5D%20100%25.txt");
		assertThat(Files.getLastModifiedTime(server.files().resolve("Docs").resolve(TRICKY)).toInstant()).isEqualTo(mtime);

		byte[] random = new byte[1_234_567];
		new Random(42).nextBytes(random);
		Path big = Files.write(local.resolve("big.bin"), random);
		ok("put", big.toString(), "/Docs/");
		Result replaced = ok("put", big.toString(), "/Docs/big.bin");
		assertThat(replaced.out()).contains("replaced /Docs/big.bin");

		Result ls = ok("ls", "/Docs");
		List<String> lines = ls.out().lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).matches("- +" + Files.size(tricky) + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\Q" + TRICKY + "\\E");
		assertThat(lines.get(1)).matches("- +1234567 .* big\\.bin");
		Result lsRoot = ok("ls");
		assertThat(lsRoot.out().strip()).matches("d +" + (random.length + Files.size(tricky)) + " .* Docs");

		Path downloads = Files.createDirectories(local.resolve("down"));
		Result get = ok("get", "/Docs/" + TRICKY, downloads.toString());
		assertThat(get.out()).contains("downloaded");
		assertThat(downloads.resolve(TRICKY)).hasSameBinaryContentAs(tricky);
		assertThat(Files.getLastModifiedTime(downloads.resolve(TRICKY)).toInstant()).isEqualTo(mtime);
		ok("get", "/Docs/big.bin", downloads.resolve("copy.bin").toString());
		assertThat(sha1(downloads.resolve("copy.bin"))).isEqualTo(sha1(big));
		try (Stream<Path> left = Files.list(downloads)) {
			assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(TRICKY, "copy.bin");
		}
		Result exists = cli.run("get", "/Docs/big.bin", downloads.resolve("copy.bin").toString());
		assertThat(exists.exitCode()).isEqualTo(1);
		assertThat(exists.err()).contains("local file exists");
		ok("get", "--force", "/Docs/big.bin", downloads.resolve("copy.bin").toString());

		Result moved = ok("mv", "/Docs/" + TRICKY, "/Docs/renamed #2.txt");
		assertThat(moved.out()).contains("/Docs/renamed #2.txt");
		assertThat(server.files().resolve("Docs").resolve("renamed #2.txt")).exists();
		assertThat(server.lastRequest("MOVE").headers().getFirst("Overwrite")).isEqualTo("F");
		assertThat(server.lastRequest("MOVE").headers().getFirst("Destination"))
			.isEqualTo(server.url() + "/remote.php/dav/files/alice-id/Docs/renamed%20%232.txt");

		Result clash = cli.run("mv", "/Docs/renamed #2.txt", "/Docs/big.bin");
		assertThat(clash.exitCode()).isEqualTo(2);
		assertThat(clash.err()).contains("precondition failed");
		ok("mv", "--force", "/Docs/renamed #2.txt", "/Docs/big.bin");
		assertThat(server.lastRequest("MOVE").headers().getFirst("Overwrite")).isEqualTo("T");
		assertThat(server.files().resolve("Docs").resolve("big.bin")).hasSameBinaryContentAs(tricky);

		ok("mkdir", "/Archive");
		ok("mv", "/Docs/big.bin", "/Archive");
		assertThat(server.files().resolve("Archive").resolve("big.bin")).exists();

		ok("rm", "/Archive/big.bin");
		assertThat(server.files().resolve("Archive").resolve("big.bin")).doesNotExist();
		Result gone = cli.run("rm", "/Archive/big.bin");
		assertThat(gone.exitCode()).isEqualTo(2);
		assertThat(gone.err()).contains("not found: /Archive/big.bin");
	}

	@Test
	void serverSideErrorsExitWith2AndExplainThemselves() throws IOException {
		login();
		Path file = Files.writeString(local.resolve("a.txt"), "0123456789");

		Result missingParent = cli.run("put", file.toString(), "/nope/a.txt");
		assertThat(missingParent.exitCode()).isEqualTo(2);
		assertThat(missingParent.err()).contains("conflict: parent folder does not exist");

		server.quotaBytes(5);
		Result quota = cli.run("put", file.toString());
		assertThat(quota.exitCode()).isEqualTo(2);
		assertThat(quota.err()).contains("quota exceeded");
		server.quotaBytes(Long.MAX_VALUE);

		Result notFound = cli.run("get", "/missing.txt", local.resolve("x").toString());
		assertThat(notFound.exitCode()).isEqualTo(2);
		assertThat(notFound.err()).contains("not found: /missing.txt");
		assertThat(local.resolve("x")).doesNotExist();

		Result lsMissing = cli.run("ls", "/missing");
		assertThat(lsMissing.exitCode()).isEqualTo(2);
		assertThat(lsMissing.err()).contains("not found: /missing");

		ok("mkdir", "/d");
		Result again = cli.run("mkdir", "/d");
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("already exists: /d");
		ok("mkdir", "-p", "/d/e/f");
		assertThat(server.files().resolve("d/e/f")).isDirectory();

		Result missingLocal = cli.run("put", local.resolve("nothing").toString());
		assertThat(missingLocal.exitCode()).isEqualTo(1);

		// a revoked app password
		Credentials c = new CredentialStore(configDir).load().orElseThrow();
		new CredentialStore(configDir).save(new Credentials(c.server(), c.login(), c.userId(), "revoked"));
		Result revoked = cli.run("ls");
		assertThat(revoked.exitCode()).isEqualTo(2);
		assertThat(revoked.err()).contains("hearth login");
	}

	@Test
	void putOfAFolderUploadsTheTree() throws IOException {
		login();
		Path tree = Files.createDirectories(local.resolve("Photo Album"));
		Files.writeString(tree.resolve("a #1.txt"), "a");
		Files.createDirectories(tree.resolve("sub dir/deeper"));
		Files.writeString(tree.resolve("sub dir/b+c.txt"), "bc");
		Files.writeString(tree.resolve("sub dir/deeper/d.txt"), "ddd");
		Files.createDirectories(tree.resolve("empty"));

		Result r = ok("put", tree.toString());
		assertThat(r.out()).contains("3 file(s)");
		Path remote = server.files().resolve("Photo Album");
		assertThat(remote.resolve("a #1.txt")).hasContent("a");
		assertThat(remote.resolve("sub dir/b+c.txt")).hasContent("bc");
		assertThat(remote.resolve("sub dir/deeper/d.txt")).hasContent("ddd");
		assertThat(remote.resolve("empty")).isDirectory();

		// again into an existing folder: MKCOL answers 405 and that is fine; files get replaced
		Files.writeString(tree.resolve("a #1.txt"), "A!");
		ok("put", tree.toString(), "/");
		assertThat(remote.resolve("a #1.txt")).hasContent("A!");

		ok("mkdir", "/Backup");
		ok("put", tree.toString(), "/Backup");
		assertThat(server.files().resolve("Backup/Photo Album/sub dir/deeper/d.txt")).hasContent("ddd");
	}

	@Test
	void checksumCanBeSwitchedOff() throws IOException {
		login();
		Path file = Files.writeString(local.resolve("n.txt"), "n");
		ok("put", "--checksum=never", file.toString());
		assertThat(server.lastRequest("PUT").headers().getFirst("OC-Checksum")).isNull();
		ok("put", "--checksum=always", file.toString());
		assertThat(server.lastRequest("PUT").headers().getFirst("OC-Checksum")).startsWith("SHA1:");
		Path empty = Files.createFile(local.resolve("empty.txt"));
		ok("put", empty.toString());
		assertThat(server.files().resolve("empty.txt")).isEmptyFile();
		ok("get", "/empty.txt", local.resolve("empty2.txt").toString());
		assertThat(local.resolve("empty2.txt")).isEmptyFile();
	}

	@Test
	void aCorruptedDownloadNeverAppearsUnderItsName() throws IOException {
		login();
		Path file = Files.writeString(local.resolve("c.txt"), "content");
		ok("put", file.toString());
		server.wrongDownloadChecksums(true);
		Path downloads = Files.createDirectories(local.resolve("dl"));
		Result r = cli.run("get", "/c.txt", downloads.toString());
		assertThat(r.exitCode()).isEqualTo(2);
		assertThat(r.err()).contains("checksum mismatch");
		try (Stream<Path> left = Files.list(downloads)) {
			assertThat(left).as("neither the file nor a .part file is left").isEmpty();
		}
	}

	@Test
	void lsFormat() {
		DavResource file = new DavResource("/x/a%20b", "/a b", "a b", false, 42, Instant.parse("2024-01-02T03:04:05Z"),
				"e", "1", null);
		assertThat(LsCommand.format(file, ZoneId.of("UTC"))).isEqualTo("-           42 2024-01-02 03:04 a b");
		DavResource dir = new DavResource("/x/d/", "/d", "d", true, -1, null, null, null, null);
		assertThat(LsCommand.format(dir, ZoneId.of("UTC"))).isEqualTo("d            ? ????-??-?? ??:?? d");
	}

	@Test
	void readsThePasswordFromTheFirstLineOnly() throws IOException {
		var in = new java.io.ByteArrayInputStream("pä ss\r\nsecond line".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(LoginCommand.readFirstLine(in))).isEqualTo("pä ss");
		assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second line");
	}

	static String sha1(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
	}
}
