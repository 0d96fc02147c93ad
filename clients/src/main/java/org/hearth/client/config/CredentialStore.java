package org.hearth.client.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Keeps {@link Credentials} in {@code <configDir>/credentials.properties}, readable by the owner only.
 *
 * <p>The file is written to a temporary file that is created with mode 0600 from the start (so the secret is never
 * briefly world-readable) and then renamed over the old one; the directory is created with mode 0700. On file
 * systems without POSIX permissions the owner-only flags of {@link java.io.File} are used instead.
 */
public final class CredentialStore {

	/** System property that overrides the config directory (used by tests; env vars cannot be set in-process). */
	public static final String CONFIG_DIR_PROPERTY = "hearth.config.dir";

	/** Environment variable naming the config directory. */
	public static final String CONFIG_DIR_ENV = "HEARTH_CONFIG_DIR";

	public static final String FILE_NAME = "credentials.properties";

	private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

	private final Path directory;

	public CredentialStore(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * The config directory: system property {@value #CONFIG_DIR_PROPERTY}, else {@code $HEARTH_CONFIG_DIR}, else
	 * {@code $XDG_CONFIG_HOME/hearth}, else {@code ~/.config/hearth}.
	 */
	public static Path defaultDirectory(Map<String, String> env) {
		String property = System.getProperty(CONFIG_DIR_PROPERTY);
		if (property != null && !property.isBlank()) {
			return Path.of(property);
		}
		String fromEnv = env.get(CONFIG_DIR_ENV);
		if (fromEnv != null && !fromEnv.isBlank()) {
			return Path.of(fromEnv);
		}
		String xdg = env.get("XDG_CONFIG_HOME");
		if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
			return Path.of(xdg, "hearth");
		}
		return Path.of(System.getProperty("user.home"), ".config", "hearth");
	}

	public Path directory() {
		return directory;
	}

	public Path file() {
		return directory.resolve(FILE_NAME);
	}

	/** The stored credentials, or empty if there are none. */
	public Optional<Credentials> load() throws IOException {
		Path file = file();
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		Properties p = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			p.load(in);
		}
		String server = p.getProperty("server");
		String login = p.getProperty("login");
		String userId = p.getProperty("userId");
		String appPassword = p.getProperty("appPassword");
		if (isBlank(server) || isBlank(login) || isBlank(userId) || isBlank(appPassword)) {
			throw new IOException(file + " is incomplete; run 'hearth login' again");
		}
		try {
			return Optional.of(new Credentials(URI.create(server), login, userId, appPassword));
		}
		catch (IllegalArgumentException e) {
			throw new IOException(file + " holds an invalid server URL; run 'hearth login' again", e);
		}
	}

	/** Replaces the stored credentials atomically; the file is mode 0600 from the moment it exists. */
	public void save(Credentials credentials) throws IOException {
		createPrivateDirectory();
		Properties p = new Properties();
		p.setProperty("server", credentials.server().toString());
		p.setProperty("login", credentials.login());
		p.setProperty("userId", credentials.userId());
		p.setProperty("appPassword", credentials.appPassword());
		Path tmp = createPrivateFile(directory, "." + FILE_NAME + ".", ".tmp");
		try {
			try (OutputStream out = Files.newOutputStream(tmp)) {
				p.store(out, "hearth client credentials: an app password, not your real password. Keep private.");
			}
			try {
				Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
			}
			restrictToOwner(file());
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** Forgets the stored credentials; true if there were any. */
	public boolean delete() throws IOException {
		return Files.deleteIfExists(file());
	}

	private void createPrivateDirectory() throws IOException {
		if (Files.isDirectory(directory)) {
			return;
		}
		if (posix()) {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIR_MODE));
			// createDirectories applies the umask; make sure the leaf really is 0700
			Files.setPosixFilePermissions(directory, DIR_MODE);
		}
		else {
			Files.createDirectories(directory);
			java.io.File dir = directory.toFile();
			dir.setReadable(false, false);
			dir.setReadable(true, true);
			dir.setWritable(false, false);
			dir.setWritable(true, true);
			dir.setExecutable(false, false);
			dir.setExecutable(true, true);
		}
	}

	private static Path createPrivateFile(Path dir, String prefix, String suffix) throws IOException {
		if (posix()) {
			return Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE_MODE));
		}
		Path tmp = Files.createTempFile(dir, prefix, suffix);
		restrictToOwner(tmp);
		return tmp;
	}

	private static void restrictToOwner(Path file) throws IOException {
		if (posix()) {
			Files.setPosixFilePermissions(file, FILE_MODE);
			return;
		}
		java.io.File f = file.toFile();
		boolean ok = f.setReadable(false, false) & f.setReadable(true, true) & f.setWritable(false, false)
				& f.setWritable(true, true);
		if (!ok) {
			throw new IOException("cannot restrict permissions of " + file);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	private static boolean isBlank(String s) {
		return s == null || s.isBlank();
	}
}
