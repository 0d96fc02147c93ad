package org.hearth.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.hearth.testing.DavClient;
import org.hearth.testing.ServerJar;
import org.hearth.testing.TestDatabase;

/**
 * Runs the packaged server ({@code target/hearth-server.jar}) as a separate JVM on a data folder and database that
 * outlive it, so a test can SIGKILL it at a chosen moment and start it again on the same state. Output goes to
 * {@code target/crash-logs/}; every wait is bounded. It runs from the unpacked jar of {@link ServerJar}.
 */
public final class ServerProcess implements AutoCloseable {

	public static final String ADMIN = "admin";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Servers still running when the test JVM exits (a failed or timed-out test) are killed by pid, never by name. */
	private static final Set<ProcessHandle> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ProcessHandle::destroyForcibly)));
	}

	private final String name;

	private final Path dataDir;

	private final TestDatabase.Settings database;

	private final String adminPassword = "admin-" + UUID.randomUUID();

	private String maxHeap = "768m";

	private Process process;

	private int port;

	private int starts;

	private int createdUsers;

	private Path currentLog;

	private ServerProcess(String name, Path dataDir, TestDatabase.Settings database) {
		this.name = name;
		this.dataDir = dataDir;
		this.database = database;
	}

	/**
	 * A server with a new, empty data folder below {@code target/crash-data/} and, for the MariaDB run, a new empty
	 * database; both stay the same across restarts of this instance. Not started yet.
	 */
	public static ServerProcess create(String name) {
		try {
			Path dir = ServerJar.moduleDir().resolve("target/crash-data");
			Files.createDirectories(dir);
			Path dataDir = Files.createTempDirectory(dir, name + "-");
			return new ServerProcess(name, dataDir, TestDatabase.fresh());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The server's maximum heap for the next start ({@code -Xmx}), e.g. {@code 96m}; 768m unless set. */
	public ServerProcess maxHeap(String size) {
		this.maxHeap = size;
		return this;
	}

	/** Starts the server and waits until it answers {@code GET /status.php} with 200. */
	public ServerProcess start() {
		if (isAlive()) {
			throw new IllegalStateException(name + " is already running");
		}
		// a port picked here can be taken before the server binds it; then the server exits and we try another
		for (int attempt = 1; attempt <= 3; attempt++) {
			if (tryStart()) {
				return this;
			}
		}
		throw new AssertionError(name + " found its port taken three times; log " + currentLog + ":\n" + logTail(40));
	}

	private boolean tryStart() {
		try {
			port = freePort();
			starts++;
			Path logs = Files.createDirectories(ServerJar.moduleDir().resolve("target/crash-logs"));
			currentLog = logs.resolve(dataDir.getFileName() + "-" + TestDatabase.kind() + "-start" + starts + ".log");
			// C1 only: the server starts about twice as fast on a busy machine, which is what bounds these tests
			List<String> command = ServerJar.command("-XX:TieredStopAtLevel=1", "-Xmx" + maxHeap);
			ProcessBuilder builder = new ProcessBuilder(command)
				.directory(ServerJar.moduleDir().resolve("target").toFile())
				.redirectErrorStream(true)
				.redirectOutput(currentLog.toFile());
			Map<String, String> env = builder.environment();
			env.keySet()
				.removeIf(key -> key.startsWith("HEARTH_") || key.startsWith("SPRING_") || key.startsWith("SERVER_"));
			env.put("HEARTH_DATA_DIR", dataDir.toString());
			env.put("SERVER_PORT", String.valueOf(port));
			env.put("SERVER_ADDRESS", "127.0.0.1");
			env.put("HEARTH_ADMIN_USERNAME", ADMIN);
			env.put("HEARTH_ADMIN_PASSWORD", adminPassword);
			if (database != null) {
				env.put("HEARTH_DB_URL", database.url());
				env.put("HEARTH_DB_USER", database.user());
				env.put("HEARTH_DB_PASSWORD", database.password());
			}
			process = builder.start();
			RUNNING.add(process.toHandle());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start the server", e);
		}
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				RUNNING.remove(process.toHandle());
				String tail = logTail(80);
				if (tail.contains("Port " + port + " was already in use")) {
					return false;
				}
				throw new AssertionError(name + " exited with " + process.exitValue() + " while starting; log "
						+ currentLog + ":\n" + tail);
			}
			if (statusOk()) {
				return true;
			}
			sleep(200);
		}
		process.destroyForcibly();
		waitForExit();
		throw new AssertionError(name + " did not answer /status.php within " + STARTUP_TIMEOUT.toSeconds()
				+ " s; log " + currentLog + ":\n" + logTail(80));
	}

	private boolean statusOk() {
		try {
			var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/status.php"))
				.timeout(Duration.ofSeconds(3))
				.GET()
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** SIGKILL (on Linux {@code destroyForcibly} is {@code kill -9} of this one pid); returns once it is gone. */
	public void kill9() {
		requireRunning();
		process.toHandle().destroyForcibly();
		waitForExit();
	}

	/** A normal shutdown (SIGTERM), forced after 30 s. */
	public void stop() {
		requireRunning();
		process.destroy();
		try {
			if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		waitForExit();
	}

	@Override
	public void close() {
		if (isAlive()) {
			process.destroyForcibly();
			waitForExit();
		}
	}

	private void waitForExit() {
		try {
			if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(name + " (pid " + process.pid() + ") did not exit within "
						+ EXIT_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		RUNNING.remove(process.toHandle());
	}

	private void requireRunning() {
		if (!isAlive()) {
			throw new AssertionError(name + " is not running" + (currentLog == null ? "" : "; log " + currentLog
					+ ":\n" + logTail(40)));
		}
	}

	public boolean isAlive() {
		return process != null && process.isAlive();
	}

	public long pid() {
		return process.pid();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	public Path dataDir() {
		return dataDir;
	}

	/** Where uploads, copies and deletes keep their temporary files. */
	public Path tempDir() {
		return dataDir.resolve(".hearth").resolve("tmp");
	}

	/** What is in the temporary folder; a start-up check leaves it empty. */
	public List<Path> temporaryFiles() {
		try (var files = Files.list(tempDir())) {
			return files.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public Path homeDir(String username) {
		return dataDir.resolve("users").resolve(username);
	}

	public String adminPassword() {
		return adminPassword;
	}

	public Path log() {
		return currentLog;
	}

	/** The last lines of the current log. */
	public String logTail(int lines) {
		if (currentLog == null || !Files.exists(currentLog)) {
			return "(no log)";
		}
		try {
			List<String> all = Files.readAllLines(currentLog, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException e) {
			return "(cannot read " + currentLog + ": " + e + ")";
		}
	}

	/** The current log's full text (e.g. to find what the startup check did). */
	public String logText() {
		try {
			return currentLog == null ? "" : Files.readString(currentLog, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Creates a user with unlimited quota through the admin API and returns a DAV client signed in as them. */
	public Dav createUser(String username) {
		String password = "pw-" + UUID.randomUUID();
		var response = adminPost("/api/admin/users",
				"{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"quotaBytes\":-1}");
		if (response.statusCode() != 201) {
			throw new AssertionError("creating " + username + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		createdUsers++;
		return new Dav(this, username, password);
	}

	/** How many accounts, so homes, the server has: the admin's and those of {@link #createUser}. */
	public int accounts() {
		return 1 + createdUsers;
	}

	/** POSTs JSON to the admin API with the admin's Basic credentials. */
	public HttpResponse<String> adminPost(String path, String json) {
		var request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", DavClient.basic(ADMIN, adminPassword))
			.header("Content-Type", "application/json")
			.POST(json == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException("POST " + path, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Removes the data folder and, for the MariaDB run, drops the database, unless {@code -Dhearth.crash.keep=true}
	 * asks to keep both for a post-mortem. Only once the server is down.
	 */
	public void deleteDataDir() {
		if (Boolean.getBoolean("hearth.crash.keep") || isAlive()) {
			return;
		}
		try (var paths = Files.walk(dataDir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException e) {
			// best effort: target/ is cleaned by the next mvn clean anyway
		}
		if (database != null) {
			int slash = database.url().lastIndexOf('/');
			String server = database.url().substring(0, slash + 1);
			String name = database.url().substring(slash + 1);
			if (name.matches("hearth_it_[0-9a-f]+")) {
				try (var connection = java.sql.DriverManager.getConnection(server, database.user(), database.password());
						var statement = connection.createStatement()) {
					statement.execute("DROP DATABASE IF EXISTS " + name);
				}
				catch (java.sql.SQLException e) {
					// best effort, like the other integration tests' databases
				}
			}
		}
	}

	@Override
	public String toString() {
		return name + (isAlive() ? " (pid " + process.pid() + ", " + baseUrl() + ")" : " (stopped)");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
