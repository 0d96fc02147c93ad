package org.hearth.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hearth.platform.HearthProperties;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The only place that touches users' files. Content arrives in a temporary file on the same filesystem, is
 * fsynced, then renamed into place, so a reader never sees half a file and a crash leaves only a temporary file
 * that the next start removes.
 */
@Component
public class DiskStore {

	private static final Logger log = LoggerFactory.getLogger(DiskStore.class);

	private final Path usersDir;

	private final Path tempDir;

	private final Path trashDir;

	public DiskStore(HearthProperties properties) {
		this.usersDir = properties.dataDir().resolve("users");
		this.tempDir = properties.dataDir().resolve(".hearth").resolve("tmp");
		this.trashDir = properties.dataDir().resolve(".hearth").resolve("trash");
		try {
			Files.createDirectories(usersDir);
			Files.createDirectories(tempDir);
			Files.createDirectories(trashDir);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create the data folder " + properties.dataDir(), e);
		}
	}

	/** A received upload waiting to be committed. */
	public record Received(Path file, long size, String sha1) {
	}

	/** A file or folder found in a folder; {@code mtime} in epoch seconds. */
	public record Entry(String name, boolean directory, long size, long mtime) {
	}

	public Path homeDir(String homeName) {
		return usersDir.resolve(homeName);
	}

	public Path resolve(String homeName, StoragePath path) {
		Path home = homeDir(homeName);
		Path resolved = home;
		for (String segment : path.segments()) {
			resolved = resolved.resolve(segment);
		}
		if (!resolved.normalize().startsWith(home)) {
			throw new StorageException(StorageException.Reason.INVALID_NAME, "path escapes the home");
		}
		return resolved;
	}

	/**
	 * Streams the body into a temporary file, hashing it on the way, and fsyncs it. Stops with INSUFFICIENT_STORAGE
	 * as soon as more than {@code maxBytes} arrive.
	 */
	public Received receive(InputStream body, long maxBytes) {
		Path temp = tempDir.resolve("upload-" + UUID.randomUUID());
		try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			BodyWriter.Written written = BodyWriter.write(body, channel, maxBytes);
			return new Received(temp, written.size(), written.sha1());
		}
		catch (IOException | RuntimeException e) {
			deleteQuietly(temp);
			if (e instanceof IOException io) {
				throw new UncheckedIOException("upload interrupted", io);
			}
			throw (RuntimeException) e;
		}
	}

	/** Renames a received file over the target, atomically. */
	public void commit(Received received, Path target, long mtimeSeconds) {
		try {
			Files.setLastModifiedTime(received.file(), FileTime.fromMillis(mtimeSeconds * 1000));
			Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot store " + target.getFileName(), e);
		}
	}

	public void discard(Received received) {
		deleteQuietly(received.file());
	}

	public void createDirectory(Path dir, long mtimeSeconds) {
		try {
			Files.createDirectory(dir);
			Files.setLastModifiedTime(dir, FileTime.fromMillis(mtimeSeconds * 1000));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create folder " + dir.getFileName(), e);
		}
	}

	public void createDirectories(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create folder " + dir, e);
		}
	}

	public void setMtime(Path file, long mtimeSeconds) {
		try {
			Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeSeconds * 1000));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** An atomic rename within the data folder. */
	public void rename(Path from, Path to) {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			throw new IllegalStateException("the data folder must be one filesystem", e);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot move " + from.getFileName(), e);
		}
	}

	/**
	 * Moves a file or tree out of sight first (one atomic rename), then deletes it, so a crash midway never leaves
	 * a half-deleted folder where the user can see it.
	 */
	public void delete(Path target) {
		if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Path doomed = tempDir.resolve("deleting-" + UUID.randomUUID());
		rename(target, doomed);
		deleteTree(doomed);
	}

	/** Renames a file or tree into the temporary folder under the given name, out of users' sight. */
	public Path moveAside(Path target, String name) {
		Path aside = tempDir.resolve(name);
		rename(target, aside);
		return aside;
	}

	/** Deletes something moved aside, once the change that replaced it has committed. */
	public void purge(Path aside) {
		deleteTree(aside);
	}

	/** Bytes a non-root user could still write to the data folder's filesystem. */
	public long usableSpace() {
		try {
			return Files.getFileStore(usersDir).getUsableSpace();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public Path tempDir() {
		return tempDir;
	}

	/** Where a trash item's content lies: {@code .hearth/trash/{owner}/{item}}, on the users' filesystem. */
	public Path trashItem(long ownerId, long itemId) {
		return trashOf(ownerId).resolve(Long.toString(itemId));
	}

	public Path trashOf(long ownerId) {
		return trashDir.resolve(Long.toString(ownerId));
	}

	/** The item ids found in the trash folders, keyed by their folder on disk; names that are no ids are skipped. */
	public java.util.Map<Path, Long> trashItemsOnDisk() {
		java.util.Map<Path, Long> found = new java.util.HashMap<>();
		try (var owners = Files.newDirectoryStream(trashDir)) {
			for (Path owner : owners) {
				try (var items = Files.newDirectoryStream(owner)) {
					for (Path item : items) {
						try {
							found.put(item, Long.parseLong(item.getFileName().toString()));
						}
						catch (NumberFormatException e) {
							log.warn("skipping {} in the trash: not an item", item);
						}
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list the trash", e);
		}
		return found;
	}

	public boolean exists(Path path) {
		return Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Copies a file or tree into a temporary place and renames it over the target, so the copy appears whole.
	 */
	public void copy(Path from, Path to) {
		Path staging = tempDir.resolve("copy-" + UUID.randomUUID());
		try {
			Files.walkFileTree(from, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
					Path copy = staging.resolve(from.relativize(dir).toString());
					Files.createDirectories(copy);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Path copy = staging.resolve(from.relativize(file).toString());
					Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
					try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
						channel.force(true);
					}
					return FileVisitResult.CONTINUE;
				}
			});
			if (Files.isDirectory(from)) {
				copyDirectoryTimes(from, staging);
			}
			Files.move(staging, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (DirectoryNotEmptyException e) {
			deleteTree(staging);
			throw new StorageException(StorageException.Reason.CONFLICT, "target exists", e);
		}
		catch (IOException e) {
			deleteTree(staging);
			throw new UncheckedIOException("cannot copy " + from.getFileName(), e);
		}
	}

	private static void copyDirectoryTimes(Path from, Path staging) throws IOException {
		try (var dirs = Files.walk(from)) {
			for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
				Files.setLastModifiedTime(staging.resolve(from.relativize(dir).toString()),
						Files.getLastModifiedTime(dir));
			}
		}
	}

	public InputStream open(Path file, long offset) {
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
			channel.position(offset);
			return Channels.newInputStream(channel);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file.getFileName(), e);
		}
	}

	/** The members of a folder, in no particular order. */
	public List<Entry> list(Path dir) {
		List<Entry> entries = new ArrayList<>();
		try (var members = Files.newDirectoryStream(dir)) {
			for (Path member : members) {
				BasicFileAttributes attributes = Files.readAttributes(member, BasicFileAttributes.class,
						java.nio.file.LinkOption.NOFOLLOW_LINKS);
				entries.add(new Entry(member.getFileName().toString(), attributes.isDirectory(), attributes.size(),
						attributes.lastModifiedTime().toInstant().getEpochSecond()));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list " + dir.getFileName(), e);
		}
		return entries;
	}

	/** Removes what interrupted uploads, copies and deletes left behind. Runs at start, before any request. */
	public void cleanTemporaryFiles() {
		try (var leftovers = Files.list(tempDir)) {
			leftovers.forEach(path -> {
				log.info("removing leftover temporary file {}", path.getFileName());
				deleteTree(path);
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void deleteTree(Path root) {
		if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete " + root, e);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException e) {
			log.warn("cannot remove temporary file {}: {}", path, e.getMessage());
		}
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
