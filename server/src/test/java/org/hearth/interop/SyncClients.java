package org.hearth.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hearth.testing.DavClient;

/**
 * Runs the Debian builds of the Nextcloud and ownCloud command-line sync clients and rclone against a test server,
 * each with its own HOME so no configuration leaks between runs or from the machine.
 */
final class SyncClients {

	static final Duration RUN_LIMIT = Duration.ofMinutes(4);

	/** owncloudcmd aborts without a system exclude list; the Nextcloud package ships one. */
	static final String EXCLUDE_LIST = "/etc/Nextcloud/sync-exclude.lst";

	private SyncClients() {
	}

	/**
	 * nextcloudcmd settings (its environment variables) for parts of exactly 10 MB sent one at a time, so a file's
	 * chunked upload always has the same parts; by default the client grows the part size with the measured speed.
	 */
	static final Map<String, String> FIXED_CHUNKS = Map.of("OWNCLOUD_CHUNK_SIZE", "10000000",
			"OWNCLOUD_MIN_CHUNK_SIZE", "10000000", "OWNCLOUD_MAX_CHUNK_SIZE", "10000000",
			"OWNCLOUD_TARGET_CHUNK_UPLOAD_DURATION", "0", "OWNCLOUD_MAX_PARALLEL", "1");

	/** nextcloudcmd 3.7: one sync run of {@code local} with the user's whole home. */
	static Processes.Result nextcloudcmd(DavClient user, Path local, String... extra) {
		return Processes.run(RUN_LIMIT, Map.of("HOME", home("nextcloudcmd")), nextcloudcmdCommand(user, local, extra));
	}

	/** The same run with extra settings, e.g. {@link #FIXED_CHUNKS}. */
	static Processes.Result nextcloudcmd(DavClient user, Path local, Map<String, String> settings) {
		return Processes.run(RUN_LIMIT, withHome(settings), nextcloudcmdCommand(user, local));
	}

	/** Starts that run without waiting for it, for a test that kills it; its output is discarded. */
	static Process startNextcloudcmd(DavClient user, Path local, Map<String, String> settings) throws IOException {
		return Processes.start(withHome(settings), nextcloudcmdCommand(user, local), new File("/dev/null"));
	}

	private static List<String> nextcloudcmdCommand(DavClient user, Path local, String... extra) {
		List<String> command = new ArrayList<>(List.of("nextcloudcmd", "--non-interactive", "--max-sync-retries", "1",
				"-u", user.username(), "-p", user.password()));
		command.addAll(List.of(extra));
		command.addAll(List.of(local.toString(), user.baseUrl() + "/"));
		return command;
	}

	private static Map<String, String> withHome(Map<String, String> settings) {
		Map<String, String> environment = new HashMap<>(settings);
		environment.put("HOME", home("nextcloudcmd"));
		return environment;
	}

	/** owncloudcmd 2.11: one sync run of {@code local} with the user's whole home. */
	static Processes.Result owncloudcmd(DavClient user, Path local) {
		return Processes.run(RUN_LIMIT, Map.of("HOME", home("owncloudcmd")),
				List.of("owncloudcmd", "--non-interactive", "--max-sync-retries", "1", "--exclude", EXCLUDE_LIST, "-u",
						user.username(), "-p", user.password(), local.toString(), user.baseUrl() + "/"));
	}

	/** rclone 1.60 with a webdav remote named {@code hearth} ({@code vendor=nextcloud}) for the user's home. */
	static Processes.Result rclone(DavClient user, String... arguments) {
		String obscured = Processes.run(Duration.ofSeconds(30), Map.of(), List.of("rclone", "obscure", user.password()))
			.requireSuccess()
			.output()
			.trim();
		List<String> command = new ArrayList<>(List.of("rclone"));
		command.addAll(List.of(arguments));
		return Processes.run(RUN_LIMIT,
				Map.of("HOME", home("rclone"), "RCLONE_CONFIG", "/dev/null", "RCLONE_CONFIG_HEARTH_TYPE", "webdav",
						"RCLONE_CONFIG_HEARTH_URL", user.baseUrl() + "/remote.php/dav/files/" + user.username(),
						"RCLONE_CONFIG_HEARTH_VENDOR", "nextcloud", "RCLONE_CONFIG_HEARTH_USER", user.username(),
						"RCLONE_CONFIG_HEARTH_PASS", obscured),
				command);
	}

	private static String home(String client) {
		try {
			return Files.createTempDirectory("hearth-it-" + client + "-home-").toString();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
