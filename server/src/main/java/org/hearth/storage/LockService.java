package org.hearth.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * Write locks (RFC 4918 class 2), held in memory: a restart releases them, as a client must expect when a lock
 * times out. Storage consults this before every change, so no protocol can write through a lock.
 */
@Service
public class LockService {

	/** Longest lock we grant; clients asking for more (or infinite) get this. */
	public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

	private final Clock clock;

	private final Map<String, LockInfo> byToken = new ConcurrentHashMap<>();

	private final Namespace namespace;

	public LockService(Clock clock, Namespace namespace) {
		this.namespace = namespace;
		this.clock = clock;
	}

	/**
	 * Takes a new lock; refused with LOCKED when it conflicts with a live lock on the path, an ancestor with depth
	 * infinity, or (for a depth-infinity lock) anything below. Only someone who may change the resource may lock
	 * it: a lock shuts everyone else out, the owner too.
	 */
	public LockInfo lock(Actor actor, long homeOwnerId, StoragePath path, boolean exclusive, boolean infinite,
			String ownerXml, Duration requested) {
		Location at = namespace.resolve(actor, homeOwnerId, path);
		if (!at.permissions().read()) {
			throw StorageException.notFound(path);
		}
		Namespace.require(at.permissions().write() || at.permissions().create(), "lock /" + path);
		return shown(at, lockAt(actor, at.ownerId(), at.path(), exclusive, infinite, ownerXml, requested));
	}

	private synchronized LockInfo lockAt(Actor actor, long homeOwnerId, StoragePath path, boolean exclusive,
			boolean infinite, String ownerXml, Duration requested) {
		for (LockInfo held : live(homeOwnerId)) {
			boolean overlaps = held.covers(path) || (infinite && path.contains(held.path()));
			if (overlaps && (exclusive || held.exclusive())) {
				throw new StorageException(StorageException.Reason.LOCKED, "/" + held.path() + " is locked");
			}
		}
		Duration timeout = clampTimeout(requested);
		LockInfo lock = new LockInfo("opaquelocktoken:" + UUID.randomUUID(), homeOwnerId, path, holder(actor),
				exclusive, infinite, ownerXml, timeout.toSeconds(), clock.instant().plus(timeout));
		byToken.put(lock.token(), lock);
		return lock;
	}

	/** Extends a lock the actor holds on (or above) the path. */
	public LockInfo refresh(Actor actor, long homeOwnerId, StoragePath path, String token, Duration requested) {
		Location at = namespace.resolve(actor, homeOwnerId, path);
		return shown(at, refreshAt(actor, at.ownerId(), at.path(), token, requested));
	}

	private synchronized LockInfo refreshAt(Actor actor, long homeOwnerId, StoragePath path, String token,
			Duration requested) {
		LockInfo held = liveToken(token);
		if (held == null || held.homeOwnerId() != homeOwnerId || !held.covers(path)) {
			throw new StorageException(StorageException.Reason.PRECONDITION_FAILED, "no such lock on this resource");
		}
		if (held.holderId() != holder(actor)) {
			throw new StorageException(StorageException.Reason.FORBIDDEN, "the lock belongs to someone else");
		}
		Duration timeout = clampTimeout(requested);
		LockInfo refreshed = new LockInfo(held.token(), homeOwnerId, held.path(), held.holderId(), held.exclusive(),
				held.infinite(), held.ownerXml(), timeout.toSeconds(), clock.instant().plus(timeout));
		byToken.put(token, refreshed);
		return refreshed;
	}

	/** Releases the lock with this token if it covers the path. */
	public void unlock(Actor actor, long homeOwnerId, StoragePath path, String token) {
		Location at = namespace.resolve(actor, homeOwnerId, path);
		unlockAt(actor, at.ownerId(), at.path(), token);
	}

	private synchronized void unlockAt(Actor actor, long homeOwnerId, StoragePath path, String token) {
		LockInfo held = liveToken(token);
		if (held == null || held.homeOwnerId() != homeOwnerId || !held.covers(path)) {
			throw new StorageException(StorageException.Reason.CONFLICT, "the token does not lock this resource");
		}
		if (held.holderId() != holder(actor) && !actor.isSystem()) {
			throw new StorageException(StorageException.Reason.FORBIDDEN, "the lock belongs to someone else");
		}
		byToken.remove(token);
	}

	/**
	 * Live locks that cover a path of the caller's namespace (on it, or depth infinity above it), wherever they
	 * were taken from: the owner and every recipient of a share see the same locks, in their own terms. Locks
	 * that lie above what the caller can see are listed at the top of what they see.
	 */
	public List<LockInfo> locksCovering(Actor actor, long homeOwnerId, StoragePath path) {
		if (live(namespace.ownerAt(actor, homeOwnerId, path)).isEmpty()) {
			return List.of();
		}
		Location at;
		try {
			at = namespace.resolve(actor, homeOwnerId, path);
		}
		catch (StorageException e) {
			return List.of();
		}
		List<LockInfo> result = new ArrayList<>();
		for (LockInfo lock : live(at.ownerId())) {
			if (lock.covers(at.path())) {
				result.add(shown(at, lock));
			}
		}
		return result;
	}

	/** A lock of a real location as the caller of {@code at} sees it. */
	private static LockInfo shown(Location at, LockInfo lock) {
		Location.View view = at.view();
		if (view.isIdentity()) {
			return lock;
		}
		StoragePath path = view.realPrefix().contains(lock.path()) ? view.toCaller(lock.path()) : view.callerPrefix();
		return new LockInfo(lock.token(), view.homeOwnerId(), path, lock.holderId(), lock.exclusive(),
				lock.infinite(), lock.ownerXml(), lock.timeoutSeconds(), lock.expiresAt());
	}

	/**
	 * Throws LOCKED unless every live lock that covers the path (or, with {@code subtree}, lies below it) is matched
	 * by a submitted token of the actor's.
	 */
	public void checkWritable(Actor actor, long homeOwnerId, StoragePath path, boolean subtree,
			Set<String> submitted) {
		Location at = namespace.resolve(actor, homeOwnerId, path);
		checkWritableAt(actor, at.ownerId(), at.path(), subtree, submitted);
	}

	/** {@link #checkWritable} at a real location (storage's own operations have resolved it already). */
	void checkWritableAt(Actor actor, long homeOwnerId, StoragePath path, boolean subtree, Set<String> submitted) {
		for (LockInfo lock : live(homeOwnerId)) {
			boolean relevant = lock.covers(path) || (subtree && path.contains(lock.path()));
			if (relevant && !(submitted.contains(lock.token()) && lock.holderId() == holder(actor))) {
				throw new StorageException(StorageException.Reason.LOCKED, "/" + lock.path() + " is locked");
			}
		}
	}

	/** Drops every lock on the path and below; called when the node goes away or moves. */
	public void releaseSubtree(long homeOwnerId, StoragePath path) {
		byToken.values().removeIf(lock -> lock.homeOwnerId() == homeOwnerId && path.contains(lock.path()));
	}

	private Collection<LockInfo> live(long homeOwnerId) {
		var now = clock.instant();
		byToken.values().removeIf(lock -> !lock.expiresAt().isAfter(now));
		return byToken.values().stream().filter(lock -> lock.homeOwnerId() == homeOwnerId).toList();
	}

	private LockInfo liveToken(String token) {
		LockInfo lock = byToken.get(token);
		if (lock != null && !lock.expiresAt().isAfter(clock.instant())) {
			byToken.remove(token);
			return null;
		}
		return lock;
	}

	/**
	 * Who holds a lock the actor takes: the user, or for a link visitor the link (as a negative number no user has),
	 * so a lock taken through one link is neither usable through another nor by the owner.
	 */
	private static long holder(Actor actor) {
		return actor.kind() == Actor.Kind.LINK ? -actor.link().shareId() : actor.userId();
	}

	private static Duration clampTimeout(Duration requested) {
		if (requested == null || requested.isNegative() || requested.isZero() || requested.compareTo(MAX_TIMEOUT) > 0) {
			return MAX_TIMEOUT;
		}
		return requested;
	}
}
