package org.hearth.client.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the real Hearth server ({@code java -jar ../server/target/hearth-server.jar}) as a separate process on a free
 * port with a fresh data folder and a random admin password, and stops it again. Uses the same {@code java} binary as
 * the test JVM. Never skips: a missing jar or a server that does not come up is a failure.
 */
public final class ServerProcess implements AutoCloseable {

	public static final String ADMIN = "admin";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final URI url;

	private final String adminPassword;

	private final Path log;

	private ServerProcess(Process process, URI url, String adminPassword, Path log) {
		this.process = process;
		this.url = url;
		this.adminPassword = adminPassword;
		this.log = log;
	}

	/** The jar: system property {@code hearth.server.jar} (set by the pom), else {@code ../server/target/hearth-server.jar}. */
	public static Path serverJar() {
		String configured = System.getProperty("hearth.server.jar");
		Path jar = configured != null && !configured.isBlank() ? Path.of(configured)
				: Path.of("..", "server", "target", "hearth-server.jar");
		return jar.toAbsolutePath().normalize();
	}

	public static ServerProcess start(Path dataDir) throws IOException, InterruptedException {
		Path jar = serverJar();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The Hearth server jar " + jar + " does not exist. Build the server first "
					+ "(mvn -pl server package, or run the whole reactor: mvn verify), then run this integration test.");
		}
		String java = ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		int port = freePort();
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		String password = "It-" + HexFormat.of().formatHex(random);
		Path logDir = Path.of(System.getProperty("hearth.it.log.dir", System.getProperty("java.io.tmpdir")));
		Files.createDirectories(logDir);
		Path log = logDir.resolve("hearth-server-" + port + ".log");

		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString()));
		builder.environment().put("HEARTH_DATA_DIR", dataDir.toAbsolutePath().toString());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("HEARTH_ADMIN_USERNAME", ADMIN);
		builder.environment().put("HEARTH_ADMIN_PASSWORD", password);
		builder.redirectErrorStream(true);
		builder.redirectOutput(log.toFile());
		builder.directory(dataDir.toFile());
		Process process = builder.start();
		ServerProcess server = new ServerProcess(process, URI.create("http://127.0.0.1:" + port), password, log);
		try {
			server.awaitReady();
		}
		catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
			server.close();
			throw e;
		}
		return server;
	}

	private void awaitReady() throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		HttpRequest status = HttpRequest.newBuilder(url.resolve("/status.php")).timeout(Duration.ofSeconds(5)).build();
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
			String last = "no answer yet";
			while (Instant.now().isBefore(deadline)) {
				if (!process.isAlive()) {
					throw new IllegalStateException("The Hearth server exited with code " + process.exitValue()
							+ " before answering /status.php. Log " + log + ":\n" + logTail());
				}
				try {
					HttpResponse<String> response = http.send(status, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200) {
						return;
					}
					last = "HTTP " + response.statusCode();
				}
				catch (IOException notYet) {
					last = notYet.toString();
				}
				Thread.sleep(250);
			}
			throw new IllegalStateException("The Hearth server did not answer GET /status.php with 200 within "
					+ STARTUP_TIMEOUT.toSeconds() + " s (last: " + last + "). Log " + log + ":\n" + logTail());
		}
	}

	public URI url() {
		return url;
	}

	public String adminPassword() {
		return adminPassword;
	}

	public Path log() {
		return log;
	}

	/** The last lines of the server's output, for failure messages. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException e) {
			return "(log unreadable: " + e + ")";
		}
	}

	/** Stops the server: a polite destroy first, then destroyForcibly if it lingers. */
	@Override
	public void close() throws InterruptedException {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}
}
