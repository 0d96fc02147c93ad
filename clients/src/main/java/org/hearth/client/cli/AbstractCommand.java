package org.hearth.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.hearth.client.config.Credentials;
import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.HearthClient;
import org.hearth.client.remote.RemoteException;
import org.hearth.client.sync.IgnoreRules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Shared plumbing of the subcommands: exit codes ({@link ExitCodes}), error messages, the stored login and path
 * parsing. The {@code @Command} attributes here are inherited by every subclass.
 */
@Command(mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USER_ERROR,
		exitCodeOnExecutionException = ExitCodes.SERVER_ERROR)
abstract class AbstractCommand implements Callable<Integer> {

	@ParentCommand
	HearthCommand root;

	@Spec
	CommandSpec spec;

	@Option(names = { "-q", "--quiet" }, description = "No progress bar and no informational output.")
	boolean quiet;

	@Override
	public final Integer call() {
		try {
			return execute();
		}
		catch (UserException e) {
			return fail(ExitCodes.USER_ERROR, e.getMessage());
		}
		catch (RemoteException e) {
			return fail(ExitCodes.SERVER_ERROR, e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return fail(ExitCodes.SERVER_ERROR, "interrupted");
		}
		catch (IOException e) {
			// RemoteException covers the network; what is left is local (disk full, permissions, ...)
			String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			return fail(ExitCodes.USER_ERROR, "local I/O error: " + message);
		}
	}

	protected abstract int execute() throws UserException, IOException, InterruptedException;

	private int fail(int code, String message) {
		PrintWriter err = err();
		err.println("hearth: " + message);
		err.flush();
		return code;
	}

	PrintWriter out() {
		return spec.commandLine().getOut();
	}

	PrintWriter err() {
		return spec.commandLine().getErr();
	}

	/** Prints an informational line to stdout unless {@code --quiet}. */
	void info(String line) {
		if (!quiet) {
			out().println(line);
			out().flush();
		}
	}

	boolean showProgress() {
		return !quiet && Progress.interactive();
	}

	/** Prints a warning to stderr, even with {@code --quiet}. */
	void warn(String line) {
		err().println("hearth: " + line);
		err().flush();
	}

	/** The stored login. */
	Credentials credentials() throws UserException, IOException {
		Optional<Credentials> stored = root.credentialStore().load();
		if (stored.isEmpty()) {
			throw new UserException("not logged in; run 'hearth login <serverUrl> --user <login>' first");
		}
		return stored.get();
	}

	/** A client authenticated with the stored app password. */
	HearthClient connect() throws UserException, IOException {
		Credentials c = credentials();
		return new HearthClient(c.server(), c.login(), c.appPassword(), c.userId());
	}

	/** An existing local folder argument, absolute and normalized. */
	static Path localFolder(Path argument) throws UserException {
		Path folder = argument.toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			throw new UserException("not a local folder: " + argument);
		}
		return folder;
	}

	/** The {@code .hearthignore} rules of a local root. */
	static IgnoreRules ignoreRules(Path localRoot) throws UserException, IOException {
		try {
			return IgnoreRules.load(localRoot);
		}
		catch (IllegalArgumentException e) {
			throw new UserException(e.getMessage());
		}
	}

	/** Parses a remote path argument into normalized form. */
	static String remotePath(String argument) throws UserException {
		try {
			return DavPaths.normalize(argument);
		}
		catch (IllegalArgumentException e) {
			throw new UserException(e.getMessage());
		}
	}

	static String child(String folder, String name) throws UserException {
		try {
			return DavPaths.child(folder, name);
		}
		catch (IllegalArgumentException e) {
			throw new UserException("cannot use '" + name + "' as a remote name: " + e.getMessage());
		}
	}
}
