package org.hearth.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.DiskStore;
import org.hearth.storage.internal.Etags;
import org.hearth.storage.internal.HomeGuards;
import org.hearth.storage.internal.HomeRepository;
import org.hearth.storage.internal.NodeRepository;
import org.hearth.storage.internal.VersionRepository;
import org.hearth.storage.internal.VersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The earlier contents of files: listing, reading, restoring, labelling, deleting and expiring them. Versions are
 * captured by {@link StorageService} whenever content is replaced; access is its one permission decision. Versions
 * are named by the file's id, so they follow renames and moves.
 */
@Service
public class VersionService {

	private static final Logger log = LoggerFactory.getLogger(VersionService.class);

	static final int MAX_LABEL_LENGTH = 255;

	/** A file and its versions, newest first, each with the date retention keeps it until. */
	public record Versions(Node file, List<FileVersion> versions) {
	}

	private final StorageService storage;

	private final NodeRepository nodes;

	private final HomeRepository homes;

	private final VersionRepository rows;

	private final VersionStore store;

	private final DiskStore disk;

	private final HomeGuards guards;

	private final LockService locks;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RetentionPolicies retention;

	public VersionService(StorageService storage, NodeRepository nodes, HomeRepository homes, VersionRepository rows,
			VersionStore store, DiskStore disk, HomeGuards guards, LockService locks, TransactionTemplate tx,
			Clock clock, RetentionPolicies retention) {
		this.storage = storage;
		this.nodes = nodes;
		this.homes = homes;
		this.rows = rows;
		this.store = store;
		this.disk = disk;
		this.guards = guards;
		this.locks = locks;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
	}

	public Versions list(Actor actor, long fileId) {
		Node file = file(actor, fileId);
		List<FileVersion> versions = rows.ofNode(fileId);
		Map<Long, Long> keptUntil = VersionRetention.keptUntil(versions, now(), retention.current().versionsMaxAge());
		return new Versions(file, versions.stream().map(v -> v.withKeptUntil(keptUntil.get(v.id()))).toList());
	}

	/** One version by its id. */
	public FileVersion get(Actor actor, long fileId, long versionId) {
		return list(actor, fileId).versions()
			.stream()
			.filter(v -> v.id() == versionId)
			.findFirst()
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such version"));
	}

	/** One version by its name, the version time. */
	public FileVersion at(Actor actor, long fileId, long versionTime) {
		return list(actor, fileId).versions()
			.stream()
			.filter(v -> v.versionTime() == versionTime)
			.findFirst()
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such version"));
	}

	/** Opens a version's content at {@code offset}; the caller closes the stream. */
	public InputStream open(Actor actor, FileVersion version, long offset) {
		file(actor, version.nodeId());
		return disk.open(store.content(version), offset);
	}

	/** Where a version's content lies, for zero-copy transfer; only for reading. */
	public Path contentLocation(Actor actor, FileVersion version) {
		file(actor, version.nodeId());
		return store.content(version);
	}

	/**
	 * Makes a version the file's content again. The content it replaces becomes a version first, so a restore can
	 * be undone; the file keeps its id and gets a new etag, which propagates to its folders.
	 */
	public Node restore(Actor actor, FileVersion version) {
		Location at = located(actor, version.nodeId());
		Node file = changeableFile(actor, version.nodeId());
		long ownerId = file.ownerId();
		locks.checkWritableAt(actor, ownerId, file.path(), false, Set.of());
		return guards.forFile(ownerId, file.path().toString(), () -> {
			Node current = nodes.findById(file.id()).orElseThrow(() -> StorageException.notFound(file.path()));
			FileVersion restored = rows.find(version.id())
				.filter(v -> v.nodeId() == current.id())
				.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such version"));
			if (restored.size() > storage.allowance(ownerId, current.size())) {
				throw new StorageException(Reason.INSUFFICIENT_STORAGE, "quota exceeded");
			}
			Path currentFile = storage.fileOf(ownerId, current.path());
			Long kept = store.capture(current, currentFile);
			try {
				return at.view().show(tx.execute(status -> {
					String etag = Etags.next();
					rows.delete(restored.id());
					nodes.updateContent(current.id(), restored.size(), restored.mtime(), etag, restored.checksum(),
							restored.mimeType());
					nodes.updateContentAuthor(current.id(), restored.authorId());
					storage.propagate(ownerId, current.path(), etag,
							restored.size() - current.size(), null);
					disk.replace(store.content(restored), currentFile);
					return nodes.findById(current.id()).orElseThrow();
				}));
			}
			catch (RuntimeException e) {
				store.discard(ownerId, kept);
				throw e;
			}
		});
	}

	/** Sets or (with a blank label) clears a version's label; labelled versions never expire. */
	public FileVersion label(Actor actor, FileVersion version, String label) {
		Node file = changeableFile(actor, version.nodeId());
		String clean = label == null || label.isBlank() ? null : label.strip();
		if (clean != null && clean.length() > MAX_LABEL_LENGTH) {
			throw new StorageException(Reason.BAD_CONTENT, "a label has at most " + MAX_LABEL_LENGTH + " characters");
		}
		guards.forFile(file.ownerId(), file.path().toString(), () -> {
			rows.setLabel(version.id(), clean);
			return null;
		});
		return get(actor, file.id(), version.id());
	}

	public void delete(Actor actor, FileVersion version) {
		Node file = changeableFile(actor, version.nodeId());
		guards.forFile(file.ownerId(), file.path().toString(), () -> {
			tx.executeWithoutResult(status -> store.remove(file.ownerId(), List.of(version)));
			return null;
		});
	}

	/** Applies retention to every user's versions; logs each removal and a summary. */
	public ExpiryReport expire() {
		return expire(Progress.NONE);
	}

	/** {@link #expire()}, reporting the users done. */
	public ExpiryReport expire(Progress progress) {
		Map<String, Integer> byReason = new TreeMap<>();
		int removed = 0;
		long bytes = 0;
		List<Home> all = homes.all();
		int done = 0;
		progress.report(0, all.size());
		for (Home home : all) {
			Map<FileVersion, VersionRetention.Reason> doomed = guards.forTree(home.ownerId(),
					() -> expire(home.ownerId()));
			for (var entry : doomed.entrySet()) {
				removed++;
				bytes += entry.getKey().size();
				byReason.merge(entry.getValue().label(), 1, Integer::sum);
			}
			progress.report(++done, all.size());
		}
		log.info("version expiry: removed {} versions, {} bytes ({})", removed, bytes, byReason);
		return new ExpiryReport(removed, bytes, byReason);
	}

	private Map<FileVersion, VersionRetention.Reason> expire(long ownerId) {
		List<FileVersion> all = rows.ofOwner(ownerId);
		long now = now();
		RetentionPolicy policy = retention.current();
		Map<FileVersion, VersionRetention.Reason> doomed = new LinkedHashMap<>();
		all.stream()
			.collect(Collectors.groupingBy(FileVersion::nodeId))
			.values()
			.forEach(ofFile -> doomed.putAll(VersionRetention.expiredByAge(ofFile, now, policy.versionsMaxAge())));
		List<FileVersion> remaining = new ArrayList<>(all);
		remaining.removeAll(doomed.keySet());
		long budget = (long) (storage.availableBytes(ownerId) * policy.versionsSpaceShare());
		long total = remaining.stream().mapToLong(FileVersion::size).sum();
		if (total > budget) {
			Set<FileVersion> newestTwo = Set.copyOf(VersionRetention.newestFirst(remaining).stream().limit(2).toList());
			for (FileVersion version : remaining) {
				if (total <= budget) {
					break;
				}
				if (!version.labelled() && !newestTwo.contains(version)) {
					doomed.put(version, VersionRetention.Reason.SPACE);
					total -= version.size();
				}
			}
		}
		if (!doomed.isEmpty()) {
			tx.executeWithoutResult(status -> store.remove(ownerId, List.copyOf(doomed.keySet())));
			doomed.forEach((version, reason) -> log.info("expired version {} (time {}) of file {}: {}", version.id(),
					version.versionTime(), version.nodeId(), reason));
		}
		return doomed;
	}

	/**
	 * The file the versions belong to, as the actor sees it, if they may read it; never says whether another user's
	 * file exists.
	 */
	private Node file(Actor actor, long fileId) {
		return located(actor, fileId).view().show(nodes.findById(fileId).orElseThrow());
	}

	/** The real location of a file the actor may change (restoring, labelling or deleting its versions). */
	private Node changeableFile(Actor actor, long fileId) {
		Location at = located(actor, fileId);
		if (!at.permissions().write()) {
			throw new StorageException(Reason.FORBIDDEN, "not allowed to change this file");
		}
		return nodes.findById(fileId).orElseThrow();
	}

	private Location located(Actor actor, long fileId) {
		return nodes.findById(fileId)
			.filter(node -> !node.directory())
			.flatMap(node -> storage.locate(actor, node))
			.filter(at -> at.permissions().read())
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such file"));
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}
}
