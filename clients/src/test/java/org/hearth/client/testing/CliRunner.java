package org.hearth.client.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.hearth.client.cli.HearthCommand;

import picocli.CommandLine;

/** Runs the CLI in-process, as {@code new CommandLine(new HearthCommand(...)).execute(args)}, capturing its output. */
public final class CliRunner {

	private final Path configDir;

	public CliRunner(Path configDir) {
		this.configDir = configDir;
	}

	public record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
		}
	}

	/** Logs in to the fake server with its password; fails the test if that does not work. */
	public void login(FakeHearthServer server) {
		Result r = runWithStdin(FakeHearthServer.PASSWORD + "\n", "login", server.url().toString(), "--user",
				FakeHearthServer.LOGIN, "--password-stdin");
		if (r.exitCode() != 0) {
			throw new AssertionError("login failed: " + r);
		}
	}

	public Result run(String... args) {
		return runWithStdin("", args);
	}

	public Result runWithStdin(String stdin, String... args) {
		InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = new CommandLine(new HearthCommand(configDir, in));
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int exitCode = commandLine.execute(args);
		return new Result(exitCode, out.toString(), err.toString());
	}
}
