package org.hearth.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.hearth.client.testing.CliRunner;
import org.hearth.client.testing.CliRunner.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code hearth} CLI against the real server, started as a separate process by {@link ServerProcess}. The CLI
 * runs in-process; every effect is checked a second time with plain {@link HttpClient} requests (admin's own
 * password, URLs quoted by {@link URI}, XML read by DOM), so a bug in the CLI's wire layer cannot hide itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HearthCliIT {

	private static final String FOLDER = "/CLI test";

	private static final String TRICKY = "Grüße + #1 [x] 100%.txt";

	private static final String RENAMED = "renamed #2 + ü.txt";

	private static final int BIG = 5 * 1024 * 1024;

	private Path tmp;

	private ServerProcess server;

	private CliRunner cli;

	private Path configDir;

	private Path local;

	private HttpClient http;

	private String userId;

	@BeforeAll
	void startServer() throws Exception {
		tmp = Files.createTempDirectory("hearth-cli-it");
		Path dataDir = Files.createDirectories(tmp.resolve("data"));
		configDir = tmp.resolve("config");
		local = Files.createDirectories(tmp.resolve("local"));
		server = ServerProcess.start(dataDir);
		cli = new CliRunner(configDir);
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

		HttpResponse<String> user = http.send(HttpRequest.newBuilder(server.url().resolve("/ocs/v1.php/cloud/user?format=json"))
			.header("Authorization", basic(ServerProcess.ADMIN, server.adminPassword()))
			.header("OCS-APIRequest", "true")
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(user.statusCode()).as("direct cloud/user with the admin password: " + user.body()).isEqualTo(200);
		userId = user.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		assertThat(userId).as(user.body()).isNotBlank().doesNotContain("{");
	}

	@AfterAll
	void stopServer() throws Exception {
		if (http != null) {
			http.close();
		}
		if (server != null) {
			server.close();
		}
		if (tmp != null) {
			try (Stream<Path> walk = Files.walk(tmp)) {
				walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	// ------------------------------------------------------------------ the scenario, in order

	@Test
	@Order(1)
	void loginStoresAnAppPasswordNotTheRealOne() throws Exception {
		Result r = cli.runWithStdin(server.adminPassword() + "\n", "login", server.url().toString(), "--user",
				ServerProcess.ADMIN, "--password-stdin");
		assertThat(r.exitCode()).as(r + serverLog()).isZero();

		Path file = configDir.resolve("credentials.properties");
		assertThat(file).exists();
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
		String text = Files.readString(file);
		assertThat(text).doesNotContain(server.adminPassword());
		Properties stored = new Properties();
		stored.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
		String appPassword = stored.getProperty("appPassword");
		assertThat(appPassword).isNotBlank().isNotEqualTo(server.adminPassword());
		assertThat(stored.getProperty("userId")).isEqualTo(userId);
		assertThat(stored.getProperty("login")).isEqualTo(ServerProcess.ADMIN);

		// the stored app password really works on its own
		HttpResponse<String> check = http.send(HttpRequest.newBuilder(server.url().resolve("/ocs/v1.php/cloud/user?format=json"))
			.header("Authorization", basic(ServerProcess.ADMIN, appPassword))
			.header("OCS-APIRequest", "true")
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(check.statusCode()).isEqualTo(200);
		assertThat(check.body()).contains("\"" + userId + "\"");
	}

	@Test
	@Order(2)
	void mkdirCreatesAFolder() throws Exception {
		ok("mkdir", FOLDER);
		Map<String, Entry> self = propfind(FOLDER, 0);
		assertThat(self.get(FOLDER)).as(self.toString()).isNotNull();
		assertThat(self.get(FOLDER).collection()).isTrue();
	}

	@Test
	@Order(3)
	void putUploadsAFileWithAnAwkwardName() throws Exception {
		Path file = Files.writeString(local.resolve(TRICKY), "Hello from the hearth CLI, äöü ✓\n");
		Result r = ok("put", file.toString(), FOLDER + "/");
		assertThat(r.out()).contains(FOLDER + "/" + TRICKY);
		HttpResponse<byte[]> direct = get(FOLDER + "/" + TRICKY);
		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.body()).isEqualTo(Files.readAllBytes(file));
	}

	@Test
	@Order(4)
	void putStreamsABigRandomFile() throws Exception {
		byte[] bytes = new byte[BIG];
		new SecureRandom().nextBytes(bytes);
		Path file = Files.write(local.resolve("random.bin"), bytes);
		ok("put", file.toString(), FOLDER + "/random.bin");
		HttpResponse<byte[]> direct = get(FOLDER + "/random.bin");
		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(sha1(direct.body())).isEqualTo(sha1(bytes));
	}

	@Test
	@Order(5)
	void lsShowsBothFilesWithTheirSizes() throws Exception {
		long trickySize = Files.size(local.resolve(TRICKY));
		Result r = ok("ls", FOLDER);
		List<String> lines = r.out().lines().toList();
		assertThat(lines).anySatisfy(l -> assertThat(l).matches("- +" + trickySize + " .* \\Q" + TRICKY + "\\E"));
		assertThat(lines).anySatisfy(l -> assertThat(l).matches("- +" + BIG + " .* random\\.bin"));
		assertThat(lines).hasSize(2);

		Map<String, Entry> direct = propfind(FOLDER, 1);
		assertThat(direct.get(FOLDER + "/" + TRICKY)).as(direct.toString()).isEqualTo(new Entry(false, trickySize));
		assertThat(direct.get(FOLDER + "/random.bin")).isEqualTo(new Entry(false, BIG));

		Result root = ok("ls");
		assertThat(root.out().lines()).anySatisfy(l -> assertThat(l).matches("d +\\d+ .* CLI test"));
	}

	@Test
	@Order(6)
	void getReturnsIdenticalBytesAndLeavesNoPartialFiles() throws Exception {
		Path downloads = Files.createDirectories(local.resolve("downloads"));
		ok("get", FOLDER + "/random.bin", downloads.toString());
		ok("get", FOLDER + "/" + TRICKY, downloads.resolve("copy.txt").toString());
		assertThat(sha1(Files.readAllBytes(downloads.resolve("random.bin"))))
			.isEqualTo(sha1(Files.readAllBytes(local.resolve("random.bin"))));
		assertThat(downloads.resolve("copy.txt")).hasSameBinaryContentAs(local.resolve(TRICKY));
		try (Stream<Path> files = Files.list(downloads)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("random.bin", "copy.txt");
		}
	}

	@Test
	@Order(7)
	void mvRenamesAndRefusesToOverwriteWithoutForce() throws Exception {
		Result r = ok("mv", FOLDER + "/" + TRICKY, FOLDER + "/" + RENAMED);
		assertThat(r.out()).contains(RENAMED);
		assertThat(status("PROPFIND", FOLDER + "/" + TRICKY)).isEqualTo(404);
		assertThat(propfind(FOLDER + "/" + RENAMED, 0)).containsKey(FOLDER + "/" + RENAMED);

		Result clash = cli.run("mv", FOLDER + "/" + RENAMED, FOLDER + "/random.bin");
		assertThat(clash.exitCode()).as(clash.toString()).isEqualTo(2);
		assertThat(clash.err()).contains("precondition failed");
		assertThat(get(FOLDER + "/random.bin").body()).hasSize(BIG);
	}

	@Test
	@Order(8)
	void rmRemoves() throws Exception {
		ok("rm", FOLDER + "/" + RENAMED);
		assertThat(status("PROPFIND", FOLDER + "/" + RENAMED)).isEqualTo(404);
		assertThat(ok("ls", FOLDER).out()).doesNotContain(RENAMED);
		Result again = cli.run("rm", FOLDER + "/" + RENAMED);
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).contains("not found");
	}

	@Test
	@Order(9)
	void serverRefusalsExitWith2AndSayWhy() throws Exception {
		Path file = Files.writeString(local.resolve("orphan.txt"), "no parent");
		Result missingParent = cli.run("put", file.toString(), "/no such folder/orphan.txt");
		assertThat(missingParent.exitCode()).as(missingParent.toString()).isEqualTo(2);
		assertThat(missingParent.err()).contains("conflict: parent folder does not exist");
		assertThat(status("PROPFIND", "/no such folder")).isEqualTo(404);

		Result notFound = cli.run("get", "/nothing here.txt", local.resolve("x.txt").toString());
		assertThat(notFound.exitCode()).isEqualTo(2);
		assertThat(notFound.err()).contains("not found: /nothing here.txt");
		assertThat(local.resolve("x.txt")).doesNotExist();

		Result exists = cli.run("mkdir", FOLDER);
		assertThat(exists.exitCode()).isEqualTo(2);
		assertThat(exists.err()).contains("already exists");
	}

	@Test
	@Order(10)
	void putOfAFolderUploadsTheTree() throws Exception {
		Path tree = Files.createDirectories(local.resolve("Album + [2024]"));
		Files.writeString(tree.resolve("a #1.txt"), "a");
		Files.createDirectories(tree.resolve("sub dir"));
		Files.writeString(tree.resolve("sub dir/b.txt"), "bb");
		ok("put", tree.toString(), FOLDER);
		String remote = FOLDER + "/Album + [2024]";
		assertThat(get(remote + "/a #1.txt").body()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
		assertThat(get(remote + "/sub dir/b.txt").body()).isEqualTo("bb".getBytes(StandardCharsets.UTF_8));
		assertThat(propfind(remote, 1).get(remote + "/sub dir").collection()).isTrue();
		ok("put", tree.toString(), FOLDER); // again: folders exist (MKCOL 405), files replaced
	}

	@Test
	@Order(11)
	void backupUploadsOnceThenOnlyChangesAndNeverOverwritesForeignFiles() throws Exception {
		Path photos = Files.createDirectories(local.resolve("Photos"));
		Files.writeString(photos.resolve("a #1.jpg"), "first photo");
		Files.createDirectories(photos.resolve("2024 + [summer]"));
		Files.writeString(photos.resolve("2024 + [summer]/beach.jpg"), "sand");
		Files.writeString(photos.resolve("scratch.tmp"), "ignored");
		Files.writeString(photos.resolve(".hearthignore"), "*.tmp\n");
		String remote = "/Backups/Photos";

		Result first = ok("backup", photos.toString(), remote, "--device", "it");
		assertThat(first.out()).contains("2 file(s) uploaded");
		assertThat(get(remote + "/a #1.jpg").body()).isEqualTo("first photo".getBytes(StandardCharsets.UTF_8));
		assertThat(get(remote + "/2024 + [summer]/beach.jpg").body()).isEqualTo("sand".getBytes(StandardCharsets.UTF_8));
		assertThat(status("PROPFIND", remote + "/scratch.tmp")).isEqualTo(404);

		Result second = ok("backup", photos.toString(), remote, "--device", "it");
		assertThat(second.out()).as("the real server's etags and checksums make re-runs free")
			.contains("0 file(s) uploaded").contains("2 unchanged");

		Files.writeString(photos.resolve("a #1.jpg"), "first photo, retouched");
		Files.delete(photos.resolve("2024 + [summer]/beach.jpg"));
		Result dry = ok("backup", photos.toString(), remote, "--dry-run");
		assertThat(dry.out()).contains("would replace " + remote + "/a #1.jpg");
		assertThat(get(remote + "/a #1.jpg").body()).isEqualTo("first photo".getBytes(StandardCharsets.UTF_8));

		ok("backup", photos.toString(), remote, "--device", "it");
		assertThat(get(remote + "/a #1.jpg").body()).isEqualTo("first photo, retouched".getBytes(StandardCharsets.UTF_8));
		assertThat(status("PROPFIND", remote + "/2024 + [summer]/beach.jpg")).as("never deleted on the server")
			.isEqualTo(207);

		assertThat(put(remote + "/a #1.jpg", "edited in the web UI")).isEqualTo(204);
		Files.writeString(photos.resolve("a #1.jpg"), "retouched again");
		Result conflict = cli.run("backup", photos.toString(), remote, "--device", "it");
		assertThat(conflict.exitCode()).as(conflict + serverLog()).isEqualTo(3);
		assertThat(get(remote + "/a #1.jpg").body()).isEqualTo("edited in the web UI".getBytes(StandardCharsets.UTF_8));
		assertThat(get(remote + "/a #1 (conflict from it).jpg").body())
			.isEqualTo("retouched again".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	@Order(12)
	void syncCopiesBothWaysKeepsBothOnConflictAndPropagatesDeletions() throws Exception {
		Path notes = Files.createDirectories(local.resolve("Notes"));
		Files.writeString(notes.resolve("mine #1.txt"), "from the laptop");
		String remote = "/Synced notes";
		ok("mkdir", remote);
		assertThat(put(remote + "/theirs [x].txt", "from the phone")).isEqualTo(201);

		ok("sync", notes.toString(), remote);
		assertThat(get(remote + "/mine #1.txt").body()).isEqualTo("from the laptop".getBytes(StandardCharsets.UTF_8));
		assertThat(notes.resolve("theirs [x].txt")).hasContent("from the phone");
		Result again = ok("sync", notes.toString(), remote);
		assertThat(again.out()).contains("2 file(s) were already in sync");

		Files.writeString(notes.resolve("theirs [x].txt"), "edited on the laptop");
		assertThat(put(remote + "/theirs [x].txt", "edited on the phone")).isEqualTo(204);
		Result conflict = cli.run("sync", notes.toString(), remote);
		assertThat(conflict.exitCode()).as(conflict + serverLog()).isEqualTo(3);
		assertThat(notes.resolve("theirs [x].txt")).hasContent("edited on the phone");
		try (Stream<Path> list = Files.list(notes)) {
			Path copy = list.filter(p -> p.getFileName().toString().startsWith("theirs [x] (conflicted copy "))
				.findFirst()
				.orElseThrow();
			assertThat(copy).hasContent("edited on the laptop");
			assertThat(get(remote + "/" + copy.getFileName()).body())
				.isEqualTo("edited on the laptop".getBytes(StandardCharsets.UTF_8));
		}

		Files.delete(notes.resolve("mine #1.txt"));
		ok("sync", notes.toString(), remote);
		assertThat(status("PROPFIND", remote + "/mine #1.txt")).isEqualTo(404);
	}

	@Test
	@Order(100)
	void wrongPasswordIsRejectedClearly() {
		Result r = cli.runWithStdin("definitely-not-" + server.adminPassword() + "\n", "login", server.url().toString(),
				"--user", ServerProcess.ADMIN, "--password-stdin");
		assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
		assertThat(r.err()).containsAnyOf("wrong username or password", "too many failed attempts, try later");
	}

	// ------------------------------------------------------------------ direct HTTP, independent of the CLI

	record Entry(boolean collection, long size) {
	}

	private Result ok(String... args) {
		Result r = cli.run(args);
		assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r + serverLog()).isZero();
		return r;
	}

	private String serverLog() {
		return "\n--- server log tail:\n" + server.logTail();
	}

	private URI dav(String path) throws URISyntaxException {
		URI base = server.url();
		return new URI(base.getScheme(), null, base.getHost(), base.getPort(),
				"/remote.php/dav/files/" + userId + path, null, null);
	}

	private HttpRequest.Builder request(String path) throws URISyntaxException {
		// URI's multi-argument constructor quotes '#', '%', ' ', '[' ']' and non-ASCII; toASCIIString gives UTF-8 escapes
		return HttpRequest.newBuilder(URI.create(dav(path).toASCIIString()))
			.header("Authorization", basic(ServerProcess.ADMIN, server.adminPassword()));
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** PUT with the admin's own password, as another device would; returns the status. */
	private int put(String path, String content) throws Exception {
		return http.send(request(path).PUT(HttpRequest.BodyPublishers.ofString(content)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private int status(String method, String path) throws Exception {
		HttpRequest.Builder builder = request(path);
		if (method.equals("PROPFIND")) {
			builder.header("Depth", "0");
		}
		return http.send(builder.method(method, HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** Decoded path (relative to the user's files) to type and size, via PROPFIND read with DOM. */
	private Map<String, Entry> propfind(String path, int depth) throws Exception {
		String body = """
				<?xml version="1.0"?>
				<d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>""";
		HttpResponse<byte[]> response = http.send(request(path).method("PROPFIND", HttpRequest.BodyPublishers.ofString(body))
			.header("Depth", Integer.toString(depth))
			.header("Content-Type", "application/xml")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as("PROPFIND " + path).isEqualTo(207);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
		String prefix = "/remote.php/dav/files/" + userId;
		Map<String, Entry> entries = new HashMap<>();
		NodeList responses = doc.getElementsByTagNameNS("DAV:", "response");
		for (int i = 0; i < responses.getLength(); i++) {
			Element r = (Element) responses.item(i);
			String href = r.getElementsByTagNameNS("DAV:", "href").item(0).getTextContent().trim();
			String decoded = URI.create(href).getPath();
			assertThat(decoded).startsWith(prefix);
			String relative = decoded.substring(prefix.length());
			if (relative.length() > 1 && relative.endsWith("/")) {
				relative = relative.substring(0, relative.length() - 1);
			}
			boolean collection = r.getElementsByTagNameNS("DAV:", "collection").getLength() > 0;
			NodeList lengths = r.getElementsByTagNameNS("DAV:", "getcontentlength");
			long size = -1;
			if (lengths.getLength() > 0 && !lengths.item(0).getTextContent().isBlank()) {
				size = Long.parseLong(lengths.item(0).getTextContent().trim());
			}
			entries.put(relative.isEmpty() ? "/" : relative, new Entry(collection, collection ? -1 : size));
		}
		return entries;
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String sha1(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
	}

}
