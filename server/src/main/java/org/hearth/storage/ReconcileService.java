package org.hearth.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hearth.storage.internal.DiskStore;
import org.hearth.storage.internal.Etags;
import org.hearth.storage.internal.HomeGuards;
import org.hearth.storage.internal.HomeRepository;
import org.hearth.storage.internal.MimeTypes;
import org.hearth.storage.internal.MoveJournal;
import org.hearth.storage.internal.NodeRepository;
import org.hearth.storage.internal.TrashRepository;
import org.hearth.storage.internal.VersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the metadata agree with the disk: after a crash, and when files were added, changed or removed in the data
 * folder outside Hearth. Compares size and mtime first and hashes only what differs; every change gets a new etag
 * that propagates to the root, so sync clients notice it. A file or folder removed on disk is recorded in its
 * owner's trash with its metadata, marked as content lost.
 */
@Service
public class ReconcileService implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ReconcileService.class);

	private final NodeRepository nodes;

	private final HomeRepository homes;

	private final DiskStore disk;

	private final MimeTypes mimeTypes;

	private final MoveJournal journal;

	private final HomeGuards guards;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final VersionStore versions;

	private final TrashRepository trash;

	private final TrashService trashService;

	public ReconcileService(NodeRepository nodes, HomeRepository homes, DiskStore disk, MimeTypes mimeTypes,
			MoveJournal journal, HomeGuards guards, TransactionTemplate tx, Clock clock, VersionStore versions,
			TrashRepository trash, TrashService trashService) {
		this.nodes = nodes;
		this.homes = homes;
		this.disk = disk;
		this.mimeTypes = mimeTypes;
		this.journal = journal;
		this.guards = guards;
		this.tx = tx;
		this.clock = clock;
		this.versions = versions;
		this.trash = trash;
		this.trashService = trashService;
	}

	/**
	 * The startup check, before the web server opens: finish or undo interrupted changes (moves, then moves into and
	 * out of the trash), drop temporary files, then rescan every home.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		journal.recover((ownerId, path) -> disk.resolve(homes.find(ownerId).orElseThrow().name(), path),
				disk.tempDir(), disk);
		trashService.recover();
		disk.cleanTemporaryFiles();
		int versionsRemoved = versions.checkAtStart(
				(ownerId, path) -> disk.resolve(homes.find(ownerId).orElseThrow().name(), path));
		if (versionsRemoved > 0) {
			log.info("startup check removed {} half-made versions", versionsRemoved);
		}
		RescanReport report = rescanAll();
		log.info("startup check done: {} homes, {} added, {} updated, {} removed", report.homes(), report.added(),
				report.updated(), report.removed());
	}

	public RescanReport rescanAll() {
		return rescanAll(Progress.NONE);
	}

	/**
	 * Rescans every home, reporting files and folders checked against all those on disk. They are counted by a
	 * first walk (no hashing, so quick next to the scan); entries added meanwhile raise the total as they are met.
	 */
	public RescanReport rescanAll(Progress progress) {
		List<Home> all = homes.all();
		long total = 0;
		for (Home home : all) {
			Path root = disk.homeDir(home.name());
			total += disk.exists(root) ? walk(root).size() : 0;
		}
		Counter counter = new Counter(progress, total);
		progress.report(0, total);
		RescanReport report = new RescanReport(0, 0, 0, 0);
		for (Home home : all) {
			report = report.plus(guards.forTree(home.ownerId(), () -> tx.execute(status -> reconcile(home, counter))));
		}
		counter.finish();
		return report;
	}

	public RescanReport rescan(long ownerId) {
		Home home = homes.find(ownerId).orElseThrow(() -> new StorageException(StorageException.Reason.NOT_FOUND, "no such home"));
		return guards.forTree(ownerId, () -> tx.execute(status -> reconcile(home, new Counter(Progress.NONE, 0))));
	}

	/** Counts entries checked; the total follows the disk when it changed since the first walk. */
	private static final class Counter {

		private final Progress progress;

		private long done;

		private long total;

		Counter(Progress progress, long total) {
			this.progress = progress;
			this.total = total;
		}

		void tick() {
			done++;
			total = Math.max(total, done);
			progress.report(done, total);
		}

		/** Entries removed since the first walk were never met: the total is what was checked. */
		void finish() {
			total = done;
			progress.report(done, total);
		}
	}

	private record OnDisk(boolean directory, long size, long mtime) {
	}

	private RescanReport reconcile(Home home, Counter counter) {
		Path root = disk.homeDir(home.name());
		disk.createDirectories(root);
		Map<StoragePath, OnDisk> found = walk(root);
		Map<StoragePath, Node> known = new HashMap<>();
		for (Node node : nodes.subtree(home.ownerId(), StoragePath.ROOT)) {
			known.put(node.path(), node);
		}
		int added = 0;
		int updated = 0;
		int removed = 0;
		List<StoragePath> changed = new ArrayList<>();
		String etag = Etags.next();
		// removals first (deepest last does not matter: deleteSubtree takes the whole subtree)
		for (Node node : known.values().stream().sorted(Comparator.comparing(n -> n.path().toString())).toList()) {
			OnDisk onDisk = found.get(node.path());
			if (!node.path().isRoot() && (onDisk == null || onDisk.directory() != node.directory())
					&& nodes.findById(node.id()).isPresent()) {
				removed += recordInTrash(node);
				changed.add(node.path().parent());
			}
		}
		Map<StoragePath, Long> ids = new HashMap<>();
		for (Map.Entry<StoragePath, OnDisk> entry : found.entrySet()) {
			counter.tick();
			StoragePath path = entry.getKey();
			OnDisk onDisk = entry.getValue();
			Node node = nodes.find(home.ownerId(), path).orElse(null);
			if (node == null) {
				long parentId = path.isRoot() ? 0 : ids.get(path.parent());
				String checksum = onDisk.directory() ? null : "SHA1:" + sha1(disk.resolve(home.name(), path));
				long id = nodes.insert(new Node(0, home.ownerId(), path.isRoot() ? null : parentId, path.name(), path,
						onDisk.directory(), onDisk.directory() ? 0 : onDisk.size(), onDisk.mtime(), now(), etag,
						checksum, onDisk.directory() ? Node.FOLDER_MIME_TYPE : mimeTypes.forName(path.name())));
				ids.put(path, id);
				added++;
				changed.add(path);
				continue;
			}
			ids.put(path, node.id());
			if (!onDisk.directory() && (node.size() != onDisk.size() || node.mtime() != onDisk.mtime())) {
				String sha1 = sha1(disk.resolve(home.name(), path));
				if (node.size() != onDisk.size() || !sha1.equals(node.sha1())) {
					// the earlier content is gone (replaced in place outside Hearth): say what it was
					log.info("/{} of user {} was changed on disk, its earlier content is not kept: was {} bytes "
							+ "SHA1:{} modified {}, now {} bytes SHA1:{}", path, home.ownerId(), node.size(),
							node.sha1(), java.time.Instant.ofEpochSecond(node.mtime()), onDisk.size(), sha1);
					nodes.updateContent(node.id(), onDisk.size(), onDisk.mtime(), etag, "SHA1:" + sha1, node.mimeType());
					nodes.updateContentAuthor(node.id(), null);
				}
				else {
					nodes.updateMtime(node.id(), onDisk.mtime(), etag);
				}
				updated++;
				changed.add(path);
			}
		}
		if (!changed.isEmpty()) {
			recomputeFolderSizes(home.ownerId(), changed, etag);
		}
		return new RescanReport(1, added, updated, removed);
	}

	/** A node removed on disk keeps its metadata in the trash; its content is gone. */
	private int recordInTrash(Node node) {
		long itemId = trash.insert(node, null, now(), true, TrashRepository.State.TRASHED);
		log.info("/{} of user {} was removed on disk: recorded in the trash as trash item {} (content lost)",
				node.path(), node.ownerId(), itemId);
		return trash.capture(itemId, node.ownerId(), node.path());
	}

	/** Sums file sizes into every folder and gives changed paths' ancestors the new etag. */
	private void recomputeFolderSizes(long ownerId, List<StoragePath> changed, String etag) {
		List<Node> all = nodes.subtree(ownerId, StoragePath.ROOT);
		Map<StoragePath, Long> sizes = new HashMap<>();
		for (Node node : all) {
			if (!node.directory()) {
				for (StoragePath ancestor : node.path().parent().selfAndAncestors()) {
					sizes.merge(ancestor, node.size(), Long::sum);
				}
			}
		}
		java.util.Set<StoragePath> touched = new java.util.HashSet<>();
		for (StoragePath path : changed) {
			touched.addAll(path.selfAndAncestors());
		}
		for (Node node : all) {
			if (node.directory()) {
				long size = sizes.getOrDefault(node.path(), 0L);
				boolean isTouched = touched.contains(node.path());
				if (size != node.size() || isTouched) {
					nodes.updateContent(node.id(), size, node.mtime(), isTouched ? etag : node.etag(), null,
							Node.FOLDER_MIME_TYPE);
				}
			}
		}
	}

	private Map<StoragePath, OnDisk> walk(Path root) {
		Map<StoragePath, OnDisk> found = new LinkedHashMap<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					StoragePath path = pathOf(root, dir);
					if (path == null) {
						return FileVisitResult.SKIP_SUBTREE;
					}
					found.put(path, new OnDisk(true, 0, attrs.lastModifiedTime().toInstant().getEpochSecond()));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					StoragePath path = pathOf(root, file);
					if (path != null && attrs.isRegularFile()) {
						found.put(path, new OnDisk(false, attrs.size(),
								attrs.lastModifiedTime().toInstant().getEpochSecond()));
					}
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return found;
	}

	private static StoragePath pathOf(Path root, Path file) {
		String relative = root.relativize(file).toString();
		try {
			StoragePath path = StoragePath.parse(relative);
			return path.toString().equals(relative) ? path : null;
		}
		catch (StorageException e) {
			log.warn("skipping {}: {}", file, e.getMessage());
			return null;
		}
	}

	private static String sha1(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-1"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}
}
