package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.UrlPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GNOME's gvfs (network-drives.md §3.1) headless: a private D-Bus session ({@code dbus-run-session}) activates gvfsd,
 * {@code gio mount} reads user and password from stdin, then gio copies a tree in, replaces a file ({@code gio save}),
 * renames a file and a folder, removes a file, reads a file back and unmounts. The server must then hold exactly that
 * tree, over WebDAV and on disk.
 * <p>
 * Notes from running it: {@code gio mkdir -p} cannot create missing parents over dav (gvfs maps MKCOL's RFC 4918
 * 409 to a generic error, not NOT_FOUND, so GLib never creates the parent), hence one {@code gio mkdir} per level,
 * parents first. gvfs never LOCKs and sends no X-OC-Mtime on {@code gio copy} (gvfs 1.50). It walks up from the
 * mount URL with OPTIONS + PROPFIND Depth 1 and mounts the topmost collection that answers. HOME and the XDG folders
 * point into a temporary folder and {@code GVFS_DISABLE_FUSE=1} keeps gvfsd-fuse from mounting anything.
 */
class GioMountIT extends HearthIT {

	private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(120);

	private Path work;

	@BeforeEach
	void prepare() throws IOException {
		Processes.requireProgram("dbus-run-session", "dbus");
		Processes.requireProgram("gio", "libglib2.0-bin");
		Processes.requireProgram("/usr/libexec/gvfsd", "gvfs-daemons");
		Processes.requireProgram("/usr/libexec/gvfsd-dav", "gvfs-backends");
		Processes.requireProgram("timeout", "coreutils");
		work = Files.createTempDirectory("hearth-gio-");
	}

	@AfterEach
	void cleanUp() throws IOException {
		if (work != null) {
			try (Stream<Path> walk = Files.walk(work)) {
				for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	@Test
	void aTreeCopiedEditedRenamedAndDeletedThroughGioArrivesIntact() throws IOException {
		DavClient user = newUser("gio");
		TreeMap<String, byte[]> tree = Fixtures.tree(Fixtures.SEED);
		String context = "gio/gvfs, seed " + Fixtures.SEED;

		Path sources = Files.createDirectory(work.resolve("src"));
		List<String> script = new ArrayList<>();
		script.add("set -eu");
		script.add("step() { echo \"== $*\"; }");
		script.add("step mount");
		script.add("printf '%s\\n%s\\n' \"$HEARTH_USER\" \"$HEARTH_PASSWORD\" | timeout 20 gio mount \"$HEARTH_DAV/\"");
		for (String folder : Fixtures.folders(tree)) {
			script.add("step mkdir " + UrlPaths.encode(folder));
			script.add("timeout 20 gio mkdir \"$HEARTH_DAV/" + UrlPaths.encode(folder) + "\"");
		}
		int n = 0;
		for (var file : tree.entrySet()) {
			Path source = sources.resolve("f" + n++);
			Files.write(source, file.getValue());
			script.add("step copy " + UrlPaths.encode(file.getKey()));
			script.add("timeout 20 gio copy '" + source + "' \"$HEARTH_DAV/" + UrlPaths.encode(file.getKey()) + "\"");
		}
		Path edited = sources.resolve("edited");
		Files.write(edited, Fixtures.editedContent(Fixtures.SEED));
		script.add("step save " + Fixtures.EDITED);
		script.add("timeout 20 gio save \"$HEARTH_DAV/" + UrlPaths.encode(Fixtures.EDITED) + "\" < '" + edited + "'");
		script.add("step rename file");
		script.add("timeout 20 gio rename \"$HEARTH_DAV/" + UrlPaths.encode(Fixtures.RENAMED_FILE_FROM) + "\" '"
				+ name(Fixtures.RENAMED_FILE_TO) + "'");
		script.add("step rename folder");
		script.add("timeout 20 gio rename \"$HEARTH_DAV/" + UrlPaths.encode(Fixtures.RENAMED_FOLDER_FROM) + "\" '"
				+ name(Fixtures.RENAMED_FOLDER_TO) + "'");
		script.add("step remove");
		script.add("timeout 20 gio remove \"$HEARTH_DAV/" + UrlPaths.encode(Fixtures.DELETED) + "\"");
		String unicodeFile = "photos/" + Fixtures.UNICODE_NAME;
		Path readBack = sources.resolve("read-back");
		script.add("step read back");
		script.add("timeout 20 gio copy \"$HEARTH_DAV/" + UrlPaths.encode(unicodeFile) + "\" '" + readBack + "'");
		script.add("step list");
		script.add("timeout 20 gio list \"$HEARTH_DAV/" + UrlPaths.encode("photos") + "/\"");
		script.add("step unmount");
		script.add("timeout 20 gio mount -u \"$HEARTH_DAV/\"");
		script.add("step done");
		Path scriptFile = work.resolve("gio.sh");
		Files.writeString(scriptFile, String.join("\n", script) + "\n", StandardCharsets.UTF_8);

		Path home = Files.createDirectory(work.resolve("home"));
		Path runtime = Files.createDirectory(work.resolve("run"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Map<String, String> environment = new HashMap<>();
		environment.put("HOME", home.toString());
		environment.put("XDG_RUNTIME_DIR", runtime.toString());
		environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
		environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
		environment.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
		environment.put("GVFS_DISABLE_FUSE", "1");
		environment.put("LC_ALL", "C.UTF-8");
		environment.put("DBUS_SESSION_BUS_ADDRESS", null);
		environment.put("DISPLAY", null);
		environment.put("WAYLAND_DISPLAY", null);
		environment.put("HEARTH_USER", user.username());
		environment.put("HEARTH_PASSWORD", user.password());
		environment.put("HEARTH_DAV", "dav://127.0.0.1:" + port + "/remote.php/dav/files/" + user.username());
		var result = Processes.run(SESSION_TIMEOUT, environment,
				List.of("dbus-run-session", "--", "sh", scriptFile.toString()));
		assertThat(result.output()).as("gio session output (exit %d)", result.exitCode()).contains("== done");
		assertThat(result.output()).as("gio list shows the decoded unicode name").contains(Fixtures.UNICODE_NAME);
		assertThat(result.exitCode()).as("dbus-run-session exit code; output:%n%s", result.output()).isZero();

		assertThat(Fixtures.sha1(Files.readAllBytes(readBack))).as("%s: SHA-1 of the file read back with gio", context)
			.isEqualTo(Fixtures.sha1(tree.get(unicodeFile)));
		ServerTree.assertHolds(user, homeDir(user.username()), Fixtures.afterChanges(Fixtures.SEED), context);
	}

	private static String name(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}
}
