package org.hearth.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real client programs with a hard time limit. Output goes to a file, not a pipe: mount.davfs leaves a
 * daemon behind that would keep a pipe open forever. Stdin is /dev/null, so nothing can wait for a prompt.
 */
final class Processes {

	record Result(List<String> command, int exitCode, String output) {

		Result requireSuccess() {
			if (exitCode != 0) {
				fail("%s exited with %d:%n%s", String.join(" ", command), exitCode, output);
			}
			return this;
		}
	}

	private Processes() {
	}

	static Result run(Duration timeout, Map<String, String> environment, List<String> command) {
		Path output = null;
		try {
			output = Files.createTempFile("hearth-it-process-", ".log");
			Process process = start(environment, command, output.toFile());
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				kill9(process);
				fail("%s did not finish within %s; output:%n%s", String.join(" ", command), timeout, read(output));
			}
			return new Result(command, process.exitValue(), read(output));
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot run " + command, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException e) {
					// a temporary file
				}
			}
		}
	}

	/** Starts a program with its output going to {@code output}; the caller waits for it or kills it. */
	static Process start(Map<String, String> environment, List<String> command, File output) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		// a null value removes the variable from the inherited environment
		environment.forEach((name, value) -> {
			if (value == null) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		return builder.start();
	}

	/** SIGKILL for a program and everything it started, and waits until it is gone. */
	static void kill9(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				fail("%s survived SIGKILL for 10 s", process.info().command().orElse("a process"));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String read(Path output) {
		try {
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			return "(output unreadable: " + e.getMessage() + ")";
		}
	}

	/** Fails with the Debian package to install when a program is missing. */
	static String requireProgram(String name, String debianPackage) {
		if (name.startsWith("/")) {
			if (!Files.isExecutable(Path.of(name))) {
				fail("%s is missing: install the Debian package %s (apt-get install %s)", name, debianPackage,
						debianPackage);
			}
			return name;
		}
		String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
		for (String dir : path.split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
				return Path.of(dir, name).toString();
			}
		}
		fail("%s is not on the PATH: install the Debian package %s (apt-get install %s)", name, debianPackage,
				debianPackage);
		return name;
	}

	/** The test JVM must write non-ASCII file names as UTF-8, like the server it hosts. */
	static void requireUtf8FileNames() {
		String encoding = System.getProperty("sun.jnu.encoding");
		if (!"UTF-8".equalsIgnoreCase(encoding)) {
			fail("file names are encoded as %s in this JVM; run the tests under a UTF-8 locale (LANG=C.UTF-8)",
					encoding);
		}
	}

	static boolean isRoot() {
		try {
			return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
		}
		catch (IOException | UnsupportedOperationException e) {
			return false;
		}
	}
}
