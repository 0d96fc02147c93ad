package org.hearth.client.cli;

import java.io.InputStream;
import java.nio.file.Path;

import org.hearth.client.config.CredentialStore;
import org.hearth.client.remote.Version;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hearth}: the top-level command. Build it with {@code new CommandLine(new HearthCommand()).execute(args)}.
 *
 * <p>The config directory and standard input can be injected, so tests can drive the CLI in-process.
 */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = HearthCommand.VersionProvider.class,
		description = "Command-line client for a Hearth (or Nextcloud) file cloud; speaks WebDAV and OCS over HTTP.",
		subcommands = { LoginCommand.class, LsCommand.class, PutCommand.class, GetCommand.class, MkdirCommand.class,
				RmCommand.class, MvCommand.class, BackupCommand.class, SyncCommand.class,
				CommandLine.HelpCommand.class },
		exitCodeOnInvalidInput = ExitCodes.USER_ERROR, exitCodeOnExecutionException = ExitCodes.SERVER_ERROR,
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:usage error or local problem (missing file, not logged in, ...)",
				"2:the server refused the request or could not be reached",
				"3:backup/sync finished, but skipped files or kept conflict copies (see the warnings)" },
		footer = { "", "Credentials live in $HEARTH_CONFIG_DIR/credentials.properties (default ~/.config/hearth)." })
public class HearthCommand implements Runnable {

	private final Path configDir;

	private final InputStream stdin;

	@Spec
	CommandSpec spec;

	/** Config directory from the system property/environment, standard input from {@link System#in}. */
	public HearthCommand() {
		this(null, System.in);
	}

	/** Uses the given config directory instead of {@code $HEARTH_CONFIG_DIR}. */
	public HearthCommand(Path configDir) {
		this(configDir, System.in);
	}

	/** Uses the given config directory and reads {@code --password-stdin} from {@code stdin}. */
	public HearthCommand(Path configDir, InputStream stdin) {
		this.configDir = configDir;
		this.stdin = stdin;
	}

	CredentialStore credentialStore() {
		return new CredentialStore(configDir != null ? configDir : CredentialStore.defaultDirectory(System.getenv()));
	}

	InputStream stdin() {
		return stdin;
	}

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
	}

	static final class VersionProvider implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			return new String[] { "hearth " + Version.VERSION, "Java " + Runtime.version() };
		}
	}

}
