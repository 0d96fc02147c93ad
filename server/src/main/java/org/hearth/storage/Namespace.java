package org.hearth.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.Etags;
import org.hearth.storage.internal.GrantRepository;
import org.hearth.storage.internal.NodeRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns a path of a caller's namespace into a {@link Location} (ADR 0008 §1): an owner's own tree, a share they
 * received mounted in it, or the node a public link shares. The mounts of each user are kept in memory, so an
 * owner working in their own tree costs no query; the sharing feature and group changes call {@link #invalidate}.
 */
@Component
public class Namespace {

	/** The folder new received shares appear in. */
	public static final String SHARED_WITH_ME = "Shared with me";

	/** The home a link visitor's paths are relative to: the link's node is its root. */
	public static final long LINK_HOME = 0;

	/**
	 * A share received by a user, where it appears in their tree and what it allows below its root.
	 *
	 * @param lastDay the last day the share works (server time zone), or null when it does not expire
	 */
	public record Mount(long shareId, long ownerId, long nodeId, Permissions permissions, StoragePath mountPath,
			LocalDate lastDay) {
	}

	/** Cross-process changes (the admin command line against MariaDB) are picked up after this long at the latest. */
	private static final Duration MOUNTS_TTL = Duration.ofSeconds(30);

	private final Cache<Long, List<Mount>> mounts = Caffeine.newBuilder()
		.expireAfterWrite(MOUNTS_TTL)
		.maximumSize(10_000)
		.build();

	private volatile Set<Long> ownersWithShares;

	private final GrantRepository grants;

	private final NodeRepository nodes;

	private final LinkRule links;

	private final Clock clock;

	public Namespace(GrantRepository grants, NodeRepository nodes, LinkRule links, Clock clock) {
		this.grants = grants;
		this.nodes = nodes;
		this.links = links;
		this.clock = clock;
	}

	/** Forgets the mounts of one user, after their shares or group memberships changed. */
	public void invalidate(long userId) {
		nowAndAfterCommit(() -> {
			mounts.invalidate(userId);
			ownersWithShares = null;
		});
	}

	/** Forgets every user's mounts, after a share to a group or a share's permissions changed. */
	public void invalidateAll() {
		nowAndAfterCommit(() -> {
			mounts.invalidateAll();
			links.forget();
			ownersWithShares = null;
		});
	}

	/**
	 * Runs a cache eviction at once and, inside a transaction, again after it commits: a request that reloaded the
	 * cache in between read the state before the change.
	 */
	private static void nowAndAfterCommit(Runnable eviction) {
		eviction.run();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					eviction.run();
				}
			});
		}
	}

	/**
	 * The shares a user has received, not left and not expired, as mounted in their tree. The expiry is compared on
	 * every call, so after its last day a share is gone from every route at once.
	 */
	public List<Mount> mountsOf(long userId) {
		List<Mount> all = mounts.get(userId, id -> grants.mountsOf(id)
			.stream()
			.map(row -> new Mount(row.shareId(), row.ownerId(), row.nodeId(), Permissions.ofShareBits(row.bits()),
					row.mountPath(), row.lastDay()))
			.sorted(Comparator.comparing(m -> m.mountPath().toString()))
			.toList());
		if (all.stream().allMatch(m -> m.lastDay() == null)) {
			return all;
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
		return all.stream().filter(m -> m.lastDay() == null || !today.isAfter(m.lastDay())).toList();
	}

	/**
	 * Mounts a share for a recipient at {@code Shared with me/<name>}, or {@code <name> (2)}… when that is taken in
	 * their tree; does nothing when the recipient has a row for it already. The caller creates the folder.
	 */
	public void mount(long shareId, long userId, String name) {
		if (grants.hasMountRow(shareId, userId)) {
			return;
		}
		StoragePath folder = StoragePath.ROOT.child(SHARED_WITH_ME);
		StoragePath mountPath = freePath(userId, folder, name);
		grants.insertMount(shareId, userId, mountPath);
		invalidate(userId);
		touch(userId, mountPath);
	}

	/**
	 * Before shares are removed or narrowed: the folders above their mounts get new etags, so recipients' sync
	 * clients look again. Then forgets every cached mount.
	 */
	public void sharesChanged(List<Long> shareIds) {
		grants.mountsOfShares(shareIds).forEach(m -> touch(m.userId(), m.mountPath()));
		invalidateAll();
	}

	/** A new etag for the folders above a mount point in a recipient's tree. */
	private void touch(long userId, StoragePath mountPath) {
		if (!mountPath.isRoot()) {
			nodes.propagate(userId, mountPath.parent().selfAndAncestors(), Etags.next(), 0, null);
		}
	}

	boolean ownerHasShares(long ownerId) {
		Set<Long> owners = ownersWithShares;
		if (owners == null) {
			owners = grants.ownersWithShares();
			ownersWithShares = owners;
		}
		return owners.contains(ownerId);
	}

	/**
	 * The location of a path in the caller's namespace. Throws NOT_FOUND when the caller can see nothing there; the
	 * permissions may still be empty of the right an operation needs (then the operation answers FORBIDDEN).
	 */
	Location resolve(Actor actor, long homeOwnerId, StoragePath path) {
		if (actor.isSystem()) {
			return Location.own(homeOwnerId, path, Permissions.ALL);
		}
		if (actor.kind() == Actor.Kind.LINK) {
			LinkRule.Grant grant = links.grant(actor.link()).orElseThrow(() -> StorageException.notFound(path));
			Node shared = nodes.findById(grant.nodeId()).orElseThrow(() -> StorageException.notFound(path));
			var view = new Location.View(LINK_HOME, grant.ownerId(), StoragePath.ROOT, shared.path());
			return new Location(grant.ownerId(), view.toReal(path), grant.permissions(), view, null);
		}
		if (actor.userId() != homeOwnerId) {
			throw StorageException.notFound(path);
		}
		Optional<Mount> mount = mountAt(homeOwnerId, path);
		if (mount.isEmpty()) {
			return Location.own(homeOwnerId, path, Permissions.ALL);
		}
		Mount m = mount.get();
		Node shared = nodes.findById(m.nodeId()).orElseGet(() -> {
			// the shared node went (to the trash) and its shares with it: forget the stale mount
			invalidateAll();
			throw StorageException.notFound(path);
		});
		var view = new Location.View(homeOwnerId, m.ownerId(), m.mountPath(), shared.path());
		boolean root = path.equals(m.mountPath());
		return new Location(m.ownerId(), view.toReal(path), root ? m.permissions().asMountRoot() : m.permissions(),
				view, m);
	}

	/** The permissions at a path of the caller's namespace, without reading the tree (for listings). */
	Permissions permissionsAt(Actor actor, long homeOwnerId, StoragePath path) {
		if (actor.isSystem()) {
			return Permissions.ALL;
		}
		if (actor.kind() == Actor.Kind.LINK) {
			return links.grant(actor.link()).map(LinkRule.Grant::permissions).orElse(Permissions.NONE);
		}
		if (actor.userId() != homeOwnerId) {
			return Permissions.NONE;
		}
		return mountAt(homeOwnerId, path)
			.map(m -> path.equals(m.mountPath()) ? m.permissions().asMountRoot() : m.permissions())
			.orElse(Permissions.ALL);
	}

	/**
	 * Whether a link reaches anything once its password (if any) is given: false when it was removed, has expired
	 * or the admin's switches leave it nothing. Its visitors then learn nothing, not even that it wants a password.
	 */
	public boolean linkAlive(long shareId) {
		return links.grant(new Actor.LinkVisit(shareId, true)).isPresent();
	}

	/** Whose home a path of the caller's namespace lies in, without reading the tree; -1 when nobody's. */
	long ownerAt(Actor actor, long homeOwnerId, StoragePath path) {
		if (actor.isSystem()) {
			return homeOwnerId;
		}
		if (actor.kind() == Actor.Kind.LINK) {
			return links.grant(actor.link()).map(LinkRule.Grant::ownerId).orElse(-1L);
		}
		if (actor.userId() != homeOwnerId) {
			return -1;
		}
		return mountAt(homeOwnerId, path).map(Mount::ownerId).orElse(homeOwnerId);
	}

	/**
	 * Where the caller sees a real node, if anywhere: their own, through a mount of a share that contains it, or
	 * through the link they visit. For operations named by node id (versions, trash).
	 */
	Optional<Location> locate(Actor actor, long realOwner, StoragePath realPath) {
		if (actor.isSystem() || (actor.kind() != Actor.Kind.LINK && realOwner == actor.userId())) {
			return Optional.of(Location.own(realOwner, realPath, Permissions.ALL));
		}
		if (actor.kind() == Actor.Kind.LINK) {
			try {
				Location root = resolve(actor, LINK_HOME, StoragePath.ROOT);
				return root.view().shows(realOwner, realPath) ? Optional.of(new Location(root.ownerId(), realPath,
						root.permissions(), root.view(), null)) : Optional.empty();
			}
			catch (StorageException e) {
				return Optional.empty();
			}
		}
		for (Mount m : mountsOf(actor.userId())) {
			if (m.ownerId() != realOwner) {
				continue;
			}
			Optional<Node> shared = nodes.findById(m.nodeId());
			if (shared.isPresent() && shared.get().path().contains(realPath)) {
				var view = new Location.View(actor.userId(), m.ownerId(), m.mountPath(), shared.get().path());
				boolean root = shared.get().path().equals(realPath);
				return Optional.of(new Location(m.ownerId(), realPath,
						root ? m.permissions().asMountRoot() : m.permissions(), view, m));
			}
		}
		return Optional.empty();
	}

	/** The mounts whose root lies directly in this folder of the user's own tree. */
	List<Mount> mountsIn(long userId, StoragePath folder) {
		return mountsOf(userId).stream()
			.filter(m -> !m.mountPath().isRoot() && m.mountPath().parent().equals(folder))
			.toList();
	}

	/** True when the path is a mount root or lies inside one. */
	boolean isMounted(long userId, StoragePath path) {
		return mountAt(userId, path).isPresent();
	}

	void moveMount(Mount mount, long userId, StoragePath to) {
		grants.moveMount(mount.shareId(), userId, to);
		invalidate(userId);
		touch(userId, mount.mountPath());
		touch(userId, to);
	}

	/** The user moved a folder of their own tree: the shares mounted in it move along. */
	void followMove(long userId, StoragePath from, StoragePath to) {
		for (Mount m : mountsOf(userId)) {
			if (from.contains(m.mountPath())) {
				grants.moveMount(m.shareId(), userId, m.mountPath().rebase(from, to));
				invalidate(userId);
			}
		}
	}

	/** The user deleted a folder of their own tree: they leave the shares mounted in it. */
	void leaveBelow(long userId, StoragePath path) {
		for (Mount m : mountsOf(userId)) {
			if (path.contains(m.mountPath())) {
				leave(m, userId);
			}
		}
	}

	/** A recipient leaves a share they received (DELETE of its mount root, or of the share through the OCS API). */
	public void leave(long shareId, long userId) {
		mountsOf(userId).stream().filter(m -> m.shareId() == shareId).findFirst().ifPresent(m -> leave(m, userId));
	}

	void leave(Mount mount, long userId) {
		grants.hideMount(mount.shareId(), userId);
		invalidate(userId);
		touch(userId, mount.mountPath());
	}

	/** The first of {@code name}, {@code name (2)}, … free in the folder, among both real nodes and mounts. */
	private StoragePath freePath(long userId, StoragePath folder, String name) {
		for (int n = 1;; n++) {
			StoragePath candidate = folder.child(n == 1 ? name : numbered(name, n));
			if (nodes.find(userId, candidate).isEmpty() && mountAt(userId, candidate).isEmpty()) {
				return candidate;
			}
		}
	}

	/** {@code a.txt} → {@code a (2).txt}; {@code Photos} → {@code Photos (2)}. */
	static String numbered(String name, int n) {
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
	}

	private Optional<Mount> mountAt(long userId, StoragePath path) {
		for (Mount m : mountsOf(userId)) {
			if (m.mountPath().contains(path)) {
				return Optional.of(m);
			}
		}
		return Optional.empty();
	}

	/** Rejects work that a location does not allow: FORBIDDEN, since the caller can see the node. */
	static void require(boolean allowed, String what) {
		if (!allowed) {
			throw new StorageException(Reason.FORBIDDEN, "not allowed to " + what);
		}
	}
}
