package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * davfs2 (network-drives.md §3.3) mounts a user's home through the kernel: a tree is copied in, a file edited, a file
 * and a folder renamed, a file deleted; after the unmount (davfs2 uploads on close and flushes on unmount) the server
 * must hold exactly that tree, over WebDAV and on disk, and a fresh mount must show it again.
 * <p>
 * Configuration, secrets and cache live in a temporary folder passed with {@code -o conf=}; nothing in /etc changes.
 * Both lock modes work and are run: {@code use_locks 1} (the default) uses Hearth's real LOCK for every upload: LOCK
 * (creating an empty file for a new name, 201) → HEAD → PUT with {@code If: <url> (<token>)} and {@code If-Match} →
 * UNLOCK; {@code use_locks 0} relies on {@code If-None-Match: *} and {@code If-Match} alone. {@code buf_size
 * 64} works around davfs2 1.6/1.7.1 failing every readdir with EINVAL on Linux ≥ 6.16 (alisarctl/davfs2#22).
 */
class DavfsMountIT extends HearthIT {

	private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration UNMOUNT_TIMEOUT = Duration.ofSeconds(60);

	private static final Path PID_DIR = Path.of("/var/run/mount.davfs");

	private Path work;

	private Path mountPoint;

	@BeforeEach
	void prepare() throws IOException {
		Processes.requireProgram("mount.davfs", "davfs2");
		Processes.requireProgram("umount", "mount");
		Processes.requireUtf8FileNames();
		assertThat(Processes.isRoot()).as("mount.davfs must run as root in this test").isTrue();
		assertThat(Path.of("/dev/fuse")).as("/dev/fuse is needed by davfs2 (load the fuse kernel module)").exists();
		work = Files.createTempDirectory("hearth-davfs-");
		// mount.davfs drops to the davfs2 user, which must reach the cache below this folder
		Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
		mountPoint = Files.createDirectory(work.resolve("mnt"));
	}

	@AfterEach
	void unmountAndCleanUp() throws IOException {
		try {
			if (mountPoint != null && isMounted()) {
				Optional<ProcessHandle> daemon = daemon();
				try {
					Processes.run(UNMOUNT_TIMEOUT, Map.of(), List.of("umount", mountPoint.toString()));
				}
				catch (AssertionError e) {
					// timed out: detach it below
				}
				if (isMounted()) {
					Processes.run(MOUNT_TIMEOUT, Map.of(), List.of("umount", "-l", mountPoint.toString()));
				}
				daemon.ifPresent(process -> {
					process.destroy();
					process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
				});
			}
		}
		finally {
			if (work != null && !isMounted()) {
				deleteRecursively(work);
			}
		}
	}

	/**
	 * Both modes davfs2 has: with locks (default; LOCK → HEAD → PUT with If and If-Match → UNLOCK) and without
	 * (new files {@code PUT If-None-Match: *}, changes {@code PUT If-Match}).
	 */
	@ParameterizedTest(name = "use_locks {0}")
	@ValueSource(ints = { 1, 0 })
	void aTreeCopiedEditedRenamedAndDeletedThroughDavfs2ArrivesIntact(int useLocks) throws IOException {
		DavClient user = newUser("davfs");
		TreeMap<String, byte[]> tree = Fixtures.tree(Fixtures.SEED);
		String context = "davfs2 use_locks " + useLocks + ", seed " + Fixtures.SEED;

		mount(user, useLocks);
		for (var file : tree.entrySet()) {
			Path target = mountPoint.resolve(file.getKey());
			Files.createDirectories(target.getParent());
			Files.write(target, file.getValue());
		}
		Files.write(mountPoint.resolve(Fixtures.EDITED), Fixtures.editedContent(Fixtures.SEED));
		Files.move(mountPoint.resolve(Fixtures.RENAMED_FILE_FROM), mountPoint.resolve(Fixtures.RENAMED_FILE_TO));
		Files.move(mountPoint.resolve(Fixtures.RENAMED_FOLDER_FROM), mountPoint.resolve(Fixtures.RENAMED_FOLDER_TO));
		Files.delete(mountPoint.resolve(Fixtures.DELETED));
		unmount();

		TreeMap<String, byte[]> expected = Fixtures.afterChanges(Fixtures.SEED);
		ServerTree.assertHolds(user, homeDir(user.username()), expected, context);

		mount(user, useLocks);
		assertMountShows(expected, context + ", second mount");
		unmount();
	}

	private void mount(DavClient user, int useLocks) throws IOException {
		Path config = work.resolve("config-" + System.nanoTime());
		Files.createDirectories(config);
		Path cache = Files.createDirectory(config.resolve("cache"));
		GroupPrincipal davfs2;
		try {
			davfs2 = cache.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("davfs2");
		}
		catch (IOException e) {
			throw new AssertionError("group davfs2 is missing: install the Debian package davfs2", e);
		}
		Files.getFileAttributeView(cache, PosixFileAttributeView.class).setGroup(davfs2);
		Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxr-x"));
		String url = user.url("");
		Path secrets = config.resolve("secrets");
		Files.writeString(secrets, url + " " + user.username() + " " + user.password() + "\n", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
		Path conf = config.resolve("davfs2.conf");
		Files.writeString(conf, String.join("\n", "cache_dir " + cache, "secrets " + secrets, "ask_auth 0",
				"use_locks " + useLocks, "delay_upload 0", "buf_size 64", "dir_refresh 1", "file_refresh 1", ""));
		Processes.run(MOUNT_TIMEOUT, Map.of(),
				List.of("mount.davfs", url, mountPoint.toString(), "-o", "conf=" + conf + ",uid=0,gid=0"))
			.requireSuccess();
		assertThat(isMounted()).as("%s is mounted", mountPoint).isTrue();
	}

	/** umount hands over to umount.davfs, which waits for mount.davfs to upload what is dirty and exit. */
	private void unmount() {
		Optional<ProcessHandle> daemon = daemon();
		Processes.run(UNMOUNT_TIMEOUT, Map.of(), List.of("umount", mountPoint.toString())).requireSuccess();
		daemon.ifPresent(process -> {
			try {
				process.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception e) {
				fail("mount.davfs (pid %d) did not exit within 30 s after umount", process.pid());
			}
		});
		assertThat(isMounted()).as("%s is unmounted", mountPoint).isFalse();
	}

	private void assertMountShows(Map<String, byte[]> expected, String context) throws IOException {
		TreeMap<String, byte[]> files = new TreeMap<>();
		TreeSet<String> folders = new TreeSet<>();
		Path lostAndFound = mountPoint.resolve("lost+found");
		try (Stream<Path> walk = Files.walk(mountPoint)) {
			for (Path path : walk.toList()) {
				if (path.equals(mountPoint) || path.equals(lostAndFound)) {
					continue;
				}
				assertThat(path.startsWith(lostAndFound)).as("%s: davfs2 put a failed upload in lost+found: %s",
						context, path).isFalse();
				String relative = mountPoint.relativize(path).toString();
				if (Files.isDirectory(path)) {
					folders.add(relative);
				}
				else {
					files.put(relative, Files.readAllBytes(path));
				}
			}
		}
		assertThat(files.keySet()).as("%s: files in the mount", context)
			.containsExactlyElementsOf(new TreeSet<>(expected.keySet()));
		assertThat(folders).as("%s: folders in the mount", context).containsExactlyElementsOf(Fixtures.folders(expected));
		for (var file : expected.entrySet()) {
			assertThat(Fixtures.sha1(files.get(file.getKey()))).as("%s: SHA-1 read through the mount of %s", context,
					file.getKey()).isEqualTo(Fixtures.sha1(file.getValue()));
		}
	}

	private boolean isMounted() {
		try {
			String target = mountPoint.toRealPath().toString();
			return Files.readAllLines(Path.of("/proc/self/mounts"))
				.stream()
				.map(line -> line.split(" "))
				.anyMatch(fields -> fields.length > 1 && fields[1].equals(target));
		}
		catch (IOException e) {
			return false;
		}
	}

	/** The mount.davfs daemon of our mount point, from its pid file (only ours: its command line names it). */
	private Optional<ProcessHandle> daemon() {
		Path pidFile = PID_DIR.resolve(mountPoint.toString().substring(1).replace('/', '-') + ".pid");
		try {
			long pid = Long.parseLong(Files.readString(pidFile).trim());
			String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
			return cmdline.contains(mountPoint.toString()) ? ProcessHandle.of(pid) : Optional.empty();
		}
		catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
