package org.hearth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/hearth-server.jar}) as tests run it in JVMs of their own: the crash tests'
 * servers and the admin CLI. Those tests mostly wait for JVMs to start, so the jar is unpacked once
 * ({@code -Djarmode=tools extract}) and one training start records the classes it loads in an archive
 * (class data sharing) that every later start maps instead of loading them again.
 *
 * <p>Both live in {@code target/server-jar/} under a name made of the jar's size and time, so the H2 and the
 * MariaDB run share them and a rebuilt jar gets its own (older ones stay until {@code mvn clean}: a test JVM of an
 * earlier build may still run servers from them). The unpacked copy also protects a running server from a
 * concurrent {@code mvn package}, which rewrites the jar in place while the launcher still reads classes from it.
 * When the training start fails, servers start without the archive, only slower.
 */
public final class ServerJar {

	private static final long TRAINING_TIMEOUT_SECONDS = 180;

	private static List<String> prefix;

	private ServerJar() {
	}

	/** {@code java}, the JVM options given, the archive's option and {@code -jar} with the unpacked jar. */
	public static List<String> command(String... jvmOptions) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(List.of(jvmOptions));
		command.addAll(prefix());
		return command;
	}

	/** The server module's folder (where {@code pom.xml} is), whether the tests run from it or from the repo root. */
	public static Path moduleDir() {
		for (String candidate : new String[] { System.getProperty("basedir"), System.getProperty("user.dir") }) {
			if (candidate == null) {
				continue;
			}
			Path dir = Path.of(candidate).toAbsolutePath();
			if (Files.isDirectory(dir.resolve("src/main/java/org/hearth"))) {
				return dir;
			}
			if (Files.isDirectory(dir.resolve("server/src/main/java/org/hearth"))) {
				return dir.resolve("server");
			}
		}
		throw new IllegalStateException("cannot find the server module from " + System.getProperty("user.dir"));
	}

	private static synchronized List<String> prefix() {
		if (prefix == null) {
			try {
				prefix = prepare();
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot unpack the server jar", e);
			}
		}
		return prefix;
	}

	private static List<String> prepare() throws IOException {
		Path jar = moduleDir().resolve("target/hearth-server.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: these tests run the packaged server; build it"
					+ " with `mvn -pl server package` (failsafe runs after package, so `mvn verify` does it)");
		}
		Path cache = Files.createDirectories(moduleDir().resolve("target/server-jar"));
		Path dir = cache.resolve(Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
		if (!Files.isDirectory(dir)) {
			// unpacked beside the final name and renamed, so a concurrent test JVM never sees half of it
			Path building = Files.createTempDirectory(cache, "building-");
			Path copy = building.resolve("hearth-server.jar");
			Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
			run(building, List.of(java(), "-Djarmode=tools", "-jar", copy.toString(), "extract", "--destination",
					building.resolve("app").toString()), "unpacking the server jar");
			Files.delete(copy);
			train(building);
			try {
				Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException e) {
				if (!Files.isDirectory(dir)) {
					throw e;
				}
				deleteTree(building);
			}
		}
		List<String> options = new ArrayList<>();
		Path archive = dir.resolve("app.jsa");
		if (Files.isRegularFile(archive)) {
			options.add("-XX:SharedArchiveFile=" + archive);
		}
		options.addAll(List.of("-jar", dir.resolve("app/hearth-server.jar").toString()));
		return List.copyOf(options);
	}

	/**
	 * Starts the server once on a throwaway data folder and H2 database until its context is ready, recording the
	 * loaded classes in {@code app.jsa}.
	 */
	private static void train(Path dir) throws IOException {
		Path data = Files.createDirectories(dir.resolve("training-data"));
		List<String> command = List.of(java(), "-XX:TieredStopAtLevel=1",
				"-XX:ArchiveClassesAtExit=" + dir.resolve("app.jsa"), "-Dspring.context.exit=onRefresh",
				"-Dserver.port=0", "-Dserver.address=127.0.0.1", "-Dhearth.data-dir=" + data,
				"-Dhearth.admin.password=training-only", "-jar", dir.resolve("app/hearth-server.jar").toString());
		try {
			run(dir, command, "the training start");
		}
		catch (IllegalStateException e) {
			System.err.println("[server-jar] " + e.getMessage() + "; servers start without a class archive");
			Files.deleteIfExists(dir.resolve("app.jsa"));
		}
		deleteTree(data);
	}

	private static void run(Path dir, List<String> command, String what) throws IOException {
		Path log = dir.resolve("log.txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment()
			.keySet()
			.removeIf(key -> key.startsWith("HEARTH_") || key.startsWith("SPRING_") || key.startsWith("SERVER_"));
		Process process = builder.start();
		try {
			if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor();
				throw new IllegalStateException(what + " took more than " + TRAINING_TIMEOUT_SECONDS + " s; see " + log);
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException(what + " was interrupted", e);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(what + " exited with " + process.exitValue() + "; see " + log);
		}
	}

	private static String java() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static void deleteTree(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
