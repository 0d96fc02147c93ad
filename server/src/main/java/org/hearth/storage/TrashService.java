package org.hearth.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.DiskStore;
import org.hearth.storage.internal.Etags;
import org.hearth.storage.internal.HomeGuards;
import org.hearth.storage.internal.NodeRepository;
import org.hearth.storage.internal.TrashRepository;
import org.hearth.storage.internal.VersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The users' trash: listing, restoring, purging and expiring what {@link StorageService#delete} (or a MOVE/COPY
 * over a folder, or the reconciler for files removed on disk) put there. Access is decided by
 * {@link StorageService}'s one permission check; like every tree change, each operation holds the home's guard.
 */
@Service
public class TrashService {

	private static final Logger log = LoggerFactory.getLogger(TrashService.class);

	private final StorageService storage;

	private final TrashRepository trash;

	private final NodeRepository nodes;

	private final DiskStore disk;

	private final LockService locks;

	private final HomeGuards guards;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RetentionPolicies retention;

	private final ApplicationEventPublisher events;

	private final VersionStore versions;

	public TrashService(StorageService storage, TrashRepository trash, NodeRepository nodes, DiskStore disk,
			LockService locks, HomeGuards guards, TransactionTemplate tx, Clock clock, RetentionPolicies retention,
			VersionStore versions, ApplicationEventPublisher events) {
		this.storage = storage;
		this.trash = trash;
		this.nodes = nodes;
		this.disk = disk;
		this.locks = locks;
		this.guards = guards;
		this.tx = tx;
		this.clock = clock;
		this.retention = retention;
		this.versions = versions;
		this.events = events;
	}

	// ---- reading

	/** A page of the trash, newest first, with its totals. */
	public TrashPage list(Actor actor, long ownerId, int offset, int limit) {
		storage.requireHomeOwner(actor, ownerId);
		if (offset < 0 || limit < 1) {
			throw new StorageException(Reason.BAD_CONTENT, "offset must be 0 or more and limit 1 or more");
		}
		TrashPage page = trash.page(ownerId, offset, limit);
		return new TrashPage(visible(actor, page.items()), page.total(), page.totalBytes());
	}

	/**
	 * The whole trash, newest first: the user's own items, and those they deleted in shares they still hold
	 * (which are in the owner's trash), with the path they had in the user's tree.
	 */
	public List<TrashItem> all(Actor actor, long ownerId) {
		storage.requireHomeOwner(actor, ownerId);
		return visible(actor, actor.isSystem() ? trash.all(ownerId) : trash.visibleTo(ownerId)).reversed();
	}

	public TrashItem item(Actor actor, long ownerId, long itemId) {
		storage.requireHomeOwner(actor, ownerId);
		return requireItem(actor, ownerId, itemId);
	}

	/** A file or folder of a trashed folder, by the path it had (the item's own node for its original path). */
	public Optional<Node> node(Actor actor, TrashItem item, StoragePath originalPath) {
		storage.requireHomeOwner(actor, actor.isSystem() ? item.ownerId() : actor.userId());
		if (item.ownerId() == actor.userId() || actor.isSystem()) {
			return trash.node(item.id(), originalPath);
		}
		return inShare(actor, item.ownerId(), originalPath).flatMap(at -> trash.node(item.id(), at.path())
			.map(at.view()::show));
	}

	/** The nodes the items of the trash were deleted as, keyed by node id; one query. */
	public Map<Long, Node> rootNodes(Actor actor, long ownerId) {
		storage.requireHomeOwner(actor, ownerId);
		return trash.rootNodes(ownerId);
	}

	/**
	 * Items as the user sees them: their own as they are; those deleted in another owner's home only while the
	 * share they were deleted in still reaches the place, with the path there in the user's tree.
	 */
	private List<TrashItem> visible(Actor actor, List<TrashItem> items) {
		List<TrashItem> result = new java.util.ArrayList<>(items.size());
		for (TrashItem item : items) {
			if (actor.isSystem() || item.ownerId() == actor.userId()) {
				result.add(item);
				continue;
			}
			storage.locate(actor, item.ownerId(), item.originalPath())
				.ifPresent(at -> result.add(new TrashItem(item.id(), item.ownerId(), item.rootNodeId(), item.name(),
						at.visiblePath(), item.directory(), item.size(), item.deletedAt(), item.deletedBy(),
						item.contentLost(), item.keptUntil())));
		}
		return result;
	}

	/** Where a path the user sees in a share lies in the owner's home, if the share still reaches it. */
	private Optional<Location> inShare(Actor actor, long realOwner, StoragePath visiblePath) {
		try {
			Location at = storage.resolve(actor, actor.userId(), visiblePath);
			return at.ownerId() == realOwner ? Optional.of(at) : Optional.empty();
		}
		catch (StorageException e) {
			return Optional.empty();
		}
	}

	/** The members a trashed folder had when it was deleted; one query. */
	public List<Node> children(Actor actor, long ownerId, Node trashedFolder) {
		storage.requireHomeOwner(actor, ownerId);
		return trash.children(trashedFolder.id());
	}

	// ---- changing

	/**
	 * Puts an item back with the ids it had: at its original location, recreating missing parent folders; beside
	 * what now has its name as {@code name (restored).ext}, {@code name (restored 2).ext}, … never over it.
	 *
	 * @return the restored file or folder
	 */
	public Node restore(Actor actor, long homeOwnerId, long itemId) {
		storage.requireHomeOwner(actor, homeOwnerId);
		TrashItem seen = requireItem(actor, homeOwnerId, itemId);
		if (seen.ownerId() != homeOwnerId) {
			Location at = inShare(actor, seen.ownerId(), seen.originalPath())
				.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such item in the trash"));
			if (!at.permissions().create()) {
				throw new StorageException(Reason.FORBIDDEN, "not allowed to restore into this share");
			}
			return at.view().show(restoreItem(actor, seen.ownerId(), itemId));
		}
		return restoreItem(actor, homeOwnerId, itemId);
	}

	/** Restores an item of the owner's own trash; the actor's right to do so was checked. */
	private Node restoreItem(Actor actor, long ownerId, long itemId) {
		return guards.forTree(ownerId, () -> {
			TrashItem item = requireItem(ownerId, itemId);
			if (item.contentLost()) {
				throw new StorageException(Reason.CONFLICT, "the content of /" + item.originalPath()
						+ " was removed outside Hearth and cannot be restored; the trash only keeps its record");
			}
			if (item.size() > storage.allowance(ownerId, 0)) {
				throw new StorageException(Reason.INSUFFICIENT_STORAGE, "restoring would exceed the quota");
			}
			StoragePath target = freePath(ownerId, item.originalPath(), item.directory());
			locks.checkWritableAt(actor, ownerId, deepestExistingFolder(ownerId, target), false, Set.of());
			Path inTrash = disk.trashItem(ownerId, itemId);
			Path file = storage.fileOf(ownerId, target);
			tx.executeWithoutResult(status -> trash.setState(itemId, TrashRepository.State.RESTORING, target));
			try {
				return tx.execute(status -> {
					Node parent = ensureFolder(ownerId, target.parent());
					trash.restore(item, target, parent.id());
					trash.delete(itemId);
					storage.propagate(ownerId, target, Etags.next(), item.size(), now());
					disk.rename(inTrash, file);
					return nodes.findById(item.rootNodeId()).orElseThrow();
				});
			}
			catch (RuntimeException e) {
				if (disk.exists(file) && !disk.exists(inTrash)) {
					disk.rename(file, inTrash);
				}
				tx.executeWithoutResult(status -> trash.setState(itemId, TrashRepository.State.TRASHED, null));
				throw e;
			}
		});
	}

	/** Removes one item for good. */
	public void purge(Actor actor, long ownerId, long itemId) {
		storage.requireHomeOwner(actor, ownerId);
		guards.forTree(ownerId, () -> {
			purgeItem(requireItem(ownerId, itemId));
			return null;
		});
	}

	/** Removes everything in the trash; returns how many items went. */
	public int empty(Actor actor, long ownerId) {
		storage.requireHomeOwner(actor, ownerId);
		return guards.forTree(ownerId, () -> {
			List<TrashItem> items = trash.all(ownerId);
			items.forEach(this::purgeItem);
			return items.size();
		});
	}

	/**
	 * Applies the retention rules to every user's trash: older than {@code max-age} always goes; between
	 * {@code min-age} and {@code max-age}, the oldest go while the trash is larger than half the space its owner has
	 * left. Never touches current files: only trash items are purged.
	 */
	public ExpiryReport expire() {
		return expire(Progress.NONE);
	}

	/** {@link #expire()}, reporting the users done. */
	public ExpiryReport expire(Progress progress) {
		long now = now();
		RetentionPolicy policy = retention.current();
		long minAge = policy.trashMinAgeSeconds();
		long maxAge = policy.trashMaxAgeSeconds();
		int removed = 0;
		long bytes = 0;
		Map<String, Integer> byReason = new TreeMap<>();
		List<Long> owners = trash.owners();
		int done = 0;
		progress.report(0, owners.size());
		for (long ownerId : owners) {
			List<TrashItem> expired = guards.forTree(ownerId, () -> {
				long spaceBound = storage.availableBytes(ownerId) / 2;
				List<TrashItem> items = trash.all(ownerId);
				long trashBytes = items.stream().mapToLong(TrashService::bytesOnDisk).sum();
				List<TrashItem> gone = new ArrayList<>();
				for (TrashItem item : items) {
					long age = now - item.deletedAt();
					String reason = age >= maxAge ? "max-age"
							: age >= minAge && trashBytes > spaceBound ? "space" : null;
					if (reason != null) {
						purgeItem(item);
						trashBytes -= bytesOnDisk(item);
						byReason.merge(reason, 1, Integer::sum);
						gone.add(item);
						log.info("trash expiry removed item {} (/{}, {} bytes, deleted {}) of user {}: {}", item.id(),
								item.originalPath(), item.size(), java.time.Instant.ofEpochSecond(item.deletedAt()),
								ownerId, reason.equals("max-age") ? "older than " + policy.trashMaxAge()
										: "trash above half of the free space (" + spaceBound + " bytes)");
					}
				}
				return gone;
			});
			removed += expired.size();
			bytes += expired.stream().mapToLong(TrashService::bytesOnDisk).sum();
			progress.report(++done, owners.size());
		}
		log.info("trash expiry: removed {} items, {} bytes ({})", removed, bytes, byReason);
		return new ExpiryReport(removed, bytes, byReason);
	}

	// ---- start-up check

	/**
	 * Runs before the rescan, while no request runs: undoes moves into and out of the trash whose metadata never
	 * committed, removes trash folders that have no item, and marks items whose content vanished as content lost.
	 */
	void recover() {
		for (TrashRepository.Unfinished unfinished : trash.unfinished()) {
			TrashItem item = unfinished.item();
			Path inTrash = disk.trashItem(item.ownerId(), item.id());
			if (unfinished.state() == TrashRepository.State.TRASHING) {
				// the tree still holds the node: its content goes back; anything at its place was never committed
				Path original = storage.fileOf(item.ownerId(), item.originalPath());
				if (disk.exists(inTrash)) {
					if (disk.exists(original)) {
						disk.moveAside(original, "uncommitted-" + item.id());
					}
					disk.rename(inTrash, original);
				}
				log.warn("undoing unfinished move of /{} (user {}) to the trash", item.originalPath(), item.ownerId());
				tx.executeWithoutResult(status -> trash.delete(item.id()));
			}
			else {
				Path target = storage.fileOf(item.ownerId(), unfinished.restorePath());
				if (!disk.exists(inTrash) && disk.exists(target)) {
					disk.rename(target, inTrash);
				}
				log.warn("undoing unfinished restore of /{} (user {}) from the trash", item.originalPath(),
						item.ownerId());
				tx.executeWithoutResult(status -> trash.setState(item.id(), TrashRepository.State.TRASHED, null));
			}
		}
		Set<Long> known = trash.allIds();
		disk.trashItemsOnDisk().forEach((dir, itemId) -> {
			if (!known.contains(itemId)) {
				log.warn("removing {} from the trash folder: no trash item has this id", dir);
				disk.delete(dir);
			}
		});
		for (long ownerId : trash.owners()) {
			for (TrashItem item : trash.all(ownerId)) {
				if (!item.contentLost() && !disk.exists(disk.trashItem(ownerId, item.id()))) {
					log.warn("the content of trash item {} (/{}, user {}) is missing: kept as content lost", item.id(),
							item.originalPath(), ownerId);
					tx.executeWithoutResult(status -> trash.markContentLost(item.id()));
				}
			}
		}
	}

	// ---- internals

	/**
	 * The one way out of the trash for good (removing, emptying, expiry): the item's rows, its content and the
	 * versions of its files. The caller holds the guard.
	 */
	private void purgeItem(TrashItem item) {
		Set<Long> files = trash.nodeIds(item.id());
		tx.executeWithoutResult(status -> {
			trash.delete(item.id());
			versions.purge(item.ownerId(), files);
		});
		disk.delete(disk.trashItem(item.ownerId(), item.id()));
		events.publishEvent(new FilesPurged(item.ownerId(), files));
	}

	/** An item the user sees in their trash, as they see it. */
	private TrashItem requireItem(Actor actor, long ownerId, long itemId) {
		TrashItem item = trash.find(itemId)
			.filter(found -> found.ownerId() == ownerId
					|| (found.deletedBy() != null && found.deletedBy() == ownerId && !actor.isSystem()))
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such item in the trash"));
		return visible(actor, List.of(item)).stream()
			.findFirst()
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such item in the trash"));
	}

	private TrashItem requireItem(long ownerId, long itemId) {
		return trash.find(itemId)
			.filter(item -> item.ownerId() == ownerId)
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such item in the trash"));
	}

	private static long bytesOnDisk(TrashItem item) {
		return item.contentLost() ? 0 : item.size();
	}

	/** The original path, or the first free "(restored)" variant of its name. */
	private StoragePath freePath(long ownerId, StoragePath original, boolean directory) {
		StoragePath candidate = original;
		for (int n = 1; nodes.find(ownerId, candidate).isPresent(); n++) {
			candidate = original.parent().child(restoredName(original.name(), directory, n));
		}
		return candidate;
	}

	/** {@code name (restored).ext}, {@code name (restored 2).ext}, …; folders and dotfiles have no extension. */
	static String restoredName(String name, boolean directory, int attempt) {
		String suffix = attempt == 1 ? " (restored)" : " (restored " + attempt + ")";
		int dot = directory ? -1 : name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
	}

	/** The folder a restore changes: the target's parent, or the deepest of its ancestors that still exists. */
	private StoragePath deepestExistingFolder(long ownerId, StoragePath target) {
		for (StoragePath folder : target.parent().selfAndAncestors()) {
			if (nodes.find(ownerId, folder).isPresent()) {
				return folder;
			}
		}
		return StoragePath.ROOT;
	}

	/** The folder at {@code path}, created with its missing parents (rows and directories) when gone. */
	private Node ensureFolder(long ownerId, StoragePath path) {
		Optional<Node> existing = nodes.find(ownerId, path);
		if (existing.isPresent()) {
			if (!existing.get().directory()) {
				throw new StorageException(Reason.CONFLICT, "cannot restore: /" + path + " is a file now");
			}
			return existing.get();
		}
		Node parent = ensureFolder(ownerId, path.parent());
		long now = now();
		String etag = Etags.next();
		long id = nodes.insert(new Node(0, ownerId, parent.id(), path.name(), path, true, 0, now, now, etag, null,
				Node.FOLDER_MIME_TYPE));
		storage.propagate(ownerId, path, etag, 0, now);
		disk.createDirectory(storage.fileOf(ownerId, path), now);
		return nodes.findById(id).orElseThrow();
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}
}
