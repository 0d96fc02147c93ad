package org.hearth.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.io.input.BoundedInputStream;
import org.hearth.platform.HearthProperties;
import org.hearth.storage.StorageException;
import org.hearth.storage.StorageProperties;
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

	private final Path versionsDir;

	private final Path trashDir;

	/**
	 * The SHA-1 state of each file grown by {@link #append}, over its first {@code length} bytes, so that
	 * {@link #link} need not read the file again. Only in memory: the JDK cannot save a digest's state, and after a
	 * restart {@link #link} reads the file once, as it would without this.
	 */
	private final Map<Path, AppendedSha1> appendedSha1 = new ConcurrentHashMap<>();

	/** How many times {@link #link} had to read a file to hash it; tests tell the two ways apart by it. */
	private final AtomicLong linksHashedByReading = new AtomicLong();

	/** Whether big bodies are written with direct I/O; see {@link StorageProperties#directWrites()}. */
	private final boolean directWrites;

	public DiskStore(HearthProperties properties, StorageProperties storage) {
		this.directWrites = storage.directWrites();
		this.usersDir = properties.dataDir().resolve("users");
		this.tempDir = properties.dataDir().resolve(".hearth").resolve("tmp");
		this.versionsDir = properties.dataDir().resolve(".hearth").resolve("versions");
		this.trashDir = properties.dataDir().resolve(".hearth").resolve("trash");
		try {
			Files.createDirectories(usersDir);
			Files.createDirectories(tempDir);
			Files.createDirectories(versionsDir);
			Files.createDirectories(trashDir);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create the data folder " + properties.dataDir(), e);
		}
	}

	/** A received upload waiting to be committed. */
	public record Received(Path file, long size, String sha1) {
	}

	/** {@code state} has hashed the first {@code length} bytes of a file and nothing else. */
	private record AppendedSha1(long length, MessageDigest state) {
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
			BodyWriter.Written written = BodyWriter.write(body, temp, channel, maxBytes, directWrites);
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

	/**
	 * Appends a body to {@code file} at {@code offset} (cutting off whatever lies beyond it first, e.g. the tail of
	 * an append a crash interrupted), hashing it like {@link #receive}. It returns without waiting for the disk to
	 * make the file durable: a big body is already on the disk (direct writes) but not the file's new length, a
	 * small one is flushed in the background while the next part arrives, and {@link #link} makes the whole file
	 * durable. After a power cut the file may therefore be shorter than what was appended. When the body fails, the
	 * file is cut back to {@code offset}. Returns the number of bytes appended. While every append continues where
	 * the last one ended, the SHA-1 of the whole file is kept up to date on the way, for {@link #link}.
	 */
	public long append(Path file, long offset, InputStream body, long maxBytes) {
		MessageDigest sha1 = sha1Before(file, offset);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			channel.truncate(offset);
			channel.position(offset);
			try {
				long size = BodyWriter.write(body, file, channel, maxBytes, sha1 != null ? sha1 : sha1(),
						BodyWriter.Durability.LATER, directWrites);
				if (sha1 != null) {
					appendedSha1.put(file, new AppendedSha1(offset + size, sha1));
				}
				return size;
			}
			catch (IOException | RuntimeException e) {
				channel.truncate(offset);
				throw e;
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("upload interrupted", e);
		}
	}

	/**
	 * A digest holding the first {@code offset} bytes of {@code file}, to go on with; null when they are not known
	 * (the server restarted since, or the file was cut shorter), and then the file's digest is forgotten until it
	 * is read again. The kept state is not touched, so a failed append leaves it valid.
	 */
	private MessageDigest sha1Before(Path file, long offset) {
		if (offset == 0) {
			return sha1();
		}
		AppendedSha1 known = appendedSha1.get(file);
		if (known == null || known.length() != offset) {
			appendedSha1.remove(file);
			return null;
		}
		return copyOf(known.state());
	}

	/**
	 * Appends one line of text to a small bookkeeping file without waiting for the disk: after a power cut the line
	 * may be missing, or cut short ({@link #readLines} leaves such a line out).
	 */
	public void appendLine(Path file, String line) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND)) {
			ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write " + file.getFileName(), e);
		}
	}

	/** Replaces a bookkeeping file by these lines at once: written beside it, fsynced, then renamed over it. */
	public void replaceLines(Path file, List<String> lines) {
		Path next = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID());
		try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ByteBuffer bytes = ByteBuffer.wrap(lines.stream()
				.map(line -> line + "\n")
				.collect(Collectors.joining())
				.getBytes(StandardCharsets.UTF_8));
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
			channel.force(false);
		}
		catch (IOException e) {
			deleteQuietly(next);
			throw new UncheckedIOException("cannot write " + file.getFileName(), e);
		}
		replace(next, file);
	}

	/** A file's length in bytes; 0 when there is no such file. */
	public long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (NoSuchFileException e) {
			return 0;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the size of " + file.getFileName(), e);
		}
	}

	/** The complete lines of a bookkeeping file; a last line without its line end (a crash cut it) is left out. */
	public List<String> readLines(Path file) {
		if (!exists(file)) {
			return List.of();
		}
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			int end = text.lastIndexOf('\n');
			return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file.getFileName(), e);
		}
	}

	/** Cuts a file to {@code length} bytes. */
	public void truncate(Path file, long length) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate(length);
			appendedSha1.computeIfPresent(file, (cut, known) -> known.length() <= length ? known : null);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot truncate " + file.getFileName(), e);
		}
	}

	/** How many names the file has; more than one once a staged file was linked into a home. */
	public int linkCount(Path file) {
		try {
			return (Integer) Files.getAttribute(file, "unix:nlink", java.nio.file.LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Takes a file already on the data folder's disk as a received upload without copying it: a hard link in the
	 * temporary folder, fsynced first (its bytes may have been {@link #append appended} without waiting for the
	 * disk). Its SHA-1 is the one {@link #append} kept when that covers the whole file, else it is hashed by reading
	 * it. The original stays where it is.
	 */
	public Received link(Path file, long maxBytes) {
		Path temp = tempDir.resolve("upload-" + UUID.randomUUID());
		try {
			long size = Files.size(file);
			if (size > maxBytes) {
				throw new StorageException(StorageException.Reason.INSUFFICIENT_STORAGE, "quota exceeded");
			}
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
				channel.force(true);
			}
			Files.createLink(temp, file);
			AppendedSha1 known = appendedSha1.get(file);
			MessageDigest sha1 = known != null && known.length() == size ? copyOf(known.state()) : hashByReading(temp);
			return new Received(temp, size, HexFormat.of().formatHex(sha1.digest()));
		}
		catch (IOException | RuntimeException e) {
			deleteQuietly(temp);
			if (e instanceof IOException io) {
				throw new UncheckedIOException("cannot take " + file.getFileName(), io);
			}
			throw (RuntimeException) e;
		}
	}

	private MessageDigest hashByReading(Path file) throws IOException {
		linksHashedByReading.incrementAndGet();
		MessageDigest sha1 = sha1();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer buffer = ByteBuffer.allocate(BodyWriter.BUFFER_SIZE);
			while (channel.read(buffer.clear()) >= 0) {
				sha1.update(buffer.flip());
			}
		}
		return sha1;
	}

	long linksHashedByReading() {
		return linksHashedByReading.get();
	}

	/** {@code length} bytes of a file from {@code offset}; the caller closes the stream. */
	public InputStream open(Path file, long offset, long length) {
		try {
			return BoundedInputStream.builder()
				.setInputStream(open(file, offset))
				.setMaxCount(length)
				.setPropagateClose(true)
				.get();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file.getFileName(), e);
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
		appendedSha1.keySet().removeIf(file -> file.startsWith(target));
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

	/**
	 * Where a version's bytes lie: outside the user's visible tree, in a folder per home (home names are unique
	 * and never reused while the home exists, like the user's folder).
	 */
	public Path versionFile(String homeName, long versionId) {
		return versionsDir(homeName).resolve(Long.toString(versionId));
	}

	public Path versionsDir(String homeName) {
		return versionsDir.resolve(homeName);
	}

	/** Keeps the content at {@code current} under a second name: a hard link, so no byte is copied. */
	public void link(Path current, Path version) {
		try {
			Files.createDirectories(version.getParent());
			Files.createLink(version, current);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot keep a version of " + current.getFileName(), e);
		}
	}

	/** Renames {@code from} over {@code to} in one step: a reader sees the old file or the new one. */
	public void replace(Path from, Path to) {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot replace " + to.getFileName(), e);
		}
	}

	/** Whether both names lead to the same file (hard links of one another). */
	public boolean sameFile(Path a, Path b) {
		try {
			return exists(a) && exists(b) && Files.isSameFile(a, b);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public void deleteFile(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete " + file.getFileName(), e);
		}
	}

	/** The names of the files in a folder; none when it does not exist. */
	public List<String> fileNames(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (var members = Files.list(dir)) {
			return members.map(member -> member.getFileName().toString()).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot list " + dir.getFileName(), e);
		}
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

	private static MessageDigest copyOf(MessageDigest digest) {
		try {
			return (MessageDigest) digest.clone();
		}
		catch (CloneNotSupportedException e) {
			throw new IllegalStateException("the SHA-1 implementation cannot be copied", e);
		}
	}
}
