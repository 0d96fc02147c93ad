package org.hearth.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.DiskStore;
import org.hearth.storage.internal.Etags;
import org.hearth.storage.internal.GrantRepository;
import org.hearth.storage.internal.HomeGuards;
import org.hearth.storage.internal.HomeRepository;
import org.hearth.storage.internal.MimeTypes;
import org.hearth.storage.internal.MoveJournal;
import org.hearth.storage.internal.NodeRepository;
import org.hearth.storage.internal.TrashRepository;
import org.hearth.storage.internal.VersionStore;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one path by which names and bytes change. Every protocol calls this; each operation resolves the node, works
 * out the actor's permissions once, checks locks and quota, changes disk and metadata atomically and propagates
 * etag and size to every ancestor in the same transaction. Replacing a file's content keeps the old content as a
 * version, whichever operation replaces it, so no protocol can skip it.
 */
@Service
public class StorageService {

	private final NodeRepository nodes;

	private final HomeRepository homes;

	private final DiskStore disk;

	private final LockService locks;

	private final HomeGuards guards;

	private final MimeTypes mimeTypes;

	private final MoveJournal journal;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final VersionStore versions;

	private final TrashRepository trash;

	private final Namespace namespace;

	private final GrantRepository grants;

	public StorageService(NodeRepository nodes, HomeRepository homes, DiskStore disk, LockService locks,
			HomeGuards guards, MimeTypes mimeTypes, MoveJournal journal, TransactionTemplate tx, Clock clock,
			ApplicationEventPublisher events, VersionStore versions, TrashRepository trash, Namespace namespace,
			GrantRepository grants) {
		this.namespace = namespace;
		this.grants = grants;
		this.nodes = nodes;
		this.homes = homes;
		this.disk = disk;
		this.locks = locks;
		this.guards = guards;
		this.mimeTypes = mimeTypes;
		this.journal = journal;
		this.tx = tx;
		this.clock = clock;
		this.events = events;
		this.versions = versions;
		this.trash = trash;
	}

	// ---- homes

	/** Creates the home folder and its root node; files already in the folder are picked up by a rescan. */
	public Home createHome(long ownerId, String homeName, long quotaBytes) {
		String name = StoragePath.checkName(homeName);
		return tx.execute(status -> {
			homes.insert(ownerId, name, quotaBytes);
			disk.createDirectories(disk.homeDir(name));
			long now = now();
			nodes.insert(new Node(0, ownerId, null, "", StoragePath.ROOT, true, 0, now, now, Etags.next(), null,
					Node.FOLDER_MIME_TYPE));
			return homes.find(ownerId).orElseThrow();
		});
	}

	public Home home(long ownerId) {
		return homes.find(ownerId).orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such home"));
	}

	/**
	 * What the owner can still store: the rest of the quota, but never more than the disk has free. Clients show
	 * used + available as the size of the drive, so this is never negative.
	 */
	public long availableBytes(long ownerId) {
		return Math.min(home(ownerId).freeBytes(), disk.usableSpace());
	}

	/**
	 * What can still be stored at a path of the caller's namespace: the free bytes of the home it really lies in (a
	 * share's or a link's owner), for clients that show the space left where they are.
	 */
	public long availableBytes(Actor actor, long homeOwnerId, StoragePath path) {
		return availableBytes(namespace.resolve(actor, homeOwnerId, path).ownerId());
	}

	public void setQuota(long ownerId, long quotaBytes) {
		home(ownerId);
		homes.updateQuota(ownerId, quotaBytes);
	}

	/** Removes a home with all its files, their versions and its trash. */
	public void deleteHome(long ownerId) {
		Home home = home(ownerId);
		guards.forTree(ownerId, () -> {
			Path aside = tx.execute(status -> {
				versions.purge(ownerId, versions.filesWithVersions(ownerId));
				disk.purge(disk.versionsDir(home.name()));
				nodes.deleteSubtree(ownerId, StoragePath.ROOT);
				trash.deleteOwner(ownerId);
				homes.delete(ownerId);
				Path dir = disk.homeDir(home.name());
				return disk.exists(dir) ? disk.moveAside(dir, "home-" + ownerId + "-" + Etags.next()) : null;
			});
			if (aside != null) {
				disk.purge(aside);
			}
			disk.delete(disk.trashOf(ownerId));
			locks.releaseSubtree(ownerId, StoragePath.ROOT);
			return null;
		});
	}

	// ---- reading

	/**
	 * The node at a path of the caller's namespace, as the caller sees it; empty when there is none or the caller
	 * may not see it (an upload-only link sees nothing).
	 */
	public Optional<Node> find(Actor actor, long ownerId, StoragePath path) {
		Location at;
		try {
			at = namespace.resolve(actor, ownerId, path);
		}
		catch (StorageException e) {
			return Optional.empty();
		}
		if (!at.permissions().read()) {
			return Optional.empty();
		}
		return nodes.find(at.ownerId(), at.path()).map(at.view()::show);
	}

	public Node get(Actor actor, long ownerId, StoragePath path) {
		return find(actor, ownerId, path).orElseThrow(() -> StorageException.notFound(path));
	}

	/**
	 * The children of a folder, in one query; in the caller's own tree, with the shares they received that are
	 * mounted in it.
	 */
	public List<Node> list(Actor actor, Node folder) {
		Location at = readable(actor, folder);
		if (!folder.directory()) {
			throw new StorageException(Reason.CONFLICT, "not a folder");
		}
		List<Node> children = nodes.children(folder.id());
		if (!at.view().isIdentity()) {
			return children.stream().map(at.view()::show).toList();
		}
		List<Namespace.Mount> mounted = actor.isSystem() ? List.of() : namespace.mountsIn(actor.userId(), at.path());
		if (mounted.isEmpty()) {
			return children;
		}
		List<Node> all = new ArrayList<>(children);
		for (Namespace.Mount mount : mounted) {
			find(actor, folder.ownerId(), mount.mountPath()).ifPresent(all::add);
		}
		all.sort(Comparator.comparing(Node::name));
		return all;
	}

	/** What the actor may do with a node; for members of a listing, without a query. */
	public Permissions permissions(Actor actor, Node node) {
		return namespace.permissionsAt(actor, node.ownerId(), node.path());
	}

	/** Opens a file's content at {@code offset}; the caller closes the stream. */
	public InputStream open(Actor actor, Node node, long offset) {
		return disk.open(contentLocation(actor, node), offset);
	}

	/**
	 * Where a file's content lies on disk, for a web server's zero-copy transfer (sendfile). Only for reading: every
	 * change goes through this service.
	 */
	public Path contentLocation(Actor actor, Node node) {
		Location at = readable(actor, node);
		if (node.directory()) {
			throw new StorageException(Reason.CONFLICT, "a folder has no content");
		}
		return fileOf(at.ownerId(), at.path());
	}

	public List<DeadProperty> deadProperties(Actor actor, Node node) {
		readable(actor, node);
		return nodes.deadProperties(node.id());
	}

	/** Dead properties of a node and (for folders) its children, keyed by node id; one query. */
	public Map<Long, List<DeadProperty>> deadPropertiesWithChildren(Actor actor, Node node) {
		readable(actor, node);
		return nodes.deadPropertiesWithChildren(node.id());
	}

	/** Files and folders at or below {@code folder} carrying this stored property value (e.g. favourites). */
	public List<Node> findByProperty(Actor actor, long ownerId, StoragePath folder, DeadProperty property) {
		Location at = readable(actor, ownerId, folder);
		return nodes.withProperty(at.ownerId(), at.path(), property.namespace(), property.localName(),
				property.valueXml()).stream().map(at.view()::show).toList();
	}

	/**
	 * Files and folders matching a search below its scope, one query per tree: the caller's own, and each received
	 * share mounted below the scope.
	 */
	public List<Node> search(Actor actor, long ownerId, NodeSearch search) {
		Location at = readable(actor, ownerId, search.scope());
		List<Node> found = new ArrayList<>(
				nodes.search(at.ownerId(), withScope(search, at.path())).stream().map(at.view()::show).toList());
		if (at.view().isIdentity() && !actor.isSystem()) {
			for (Namespace.Mount mount : namespace.mountsOf(actor.userId())) {
				if (!search.scope().contains(mount.mountPath())) {
					continue;
				}
				Location share = namespace.resolve(actor, ownerId, mount.mountPath());
				if (share.permissions().read()) {
					nodes.search(share.ownerId(), withScope(search, share.path()))
						.forEach(node -> found.add(share.view().show(node)));
				}
			}
		}
		return found;
	}

	private static NodeSearch withScope(NodeSearch search, StoragePath scope) {
		return new NodeSearch(scope, search.where(), search.order(), search.limit(), search.offset());
	}

	/** The stored properties of several nodes of one namespace, keyed by node id. */
	public Map<Long, List<DeadProperty>> deadPropertiesOf(Actor actor, long ownerId, List<Node> of) {
		readable(actor, ownerId, StoragePath.ROOT);
		return nodes.deadPropertiesOf(of.stream().filter(n -> n.ownerId() == ownerId).map(Node::id).toList());
	}

	/**
	 * Whom the owner shared each of these nodes with (for {@code oc:share-types} and {@code nc:sharees}); one query.
	 * Nothing for a link visitor, nor for nodes of someone else's seen through a share.
	 */
	public Map<Long, List<Sharee>> sharees(Actor actor, long ownerId, List<Node> of) {
		if (actor.kind() == Actor.Kind.LINK || !namespace.ownerHasShares(ownerId)) {
			return Map.of();
		}
		readable(actor, ownerId, StoragePath.ROOT);
		return grants.sharees(ownerId, of.stream().filter(n -> n.ownerId() == ownerId).map(Node::id).toList());
	}

	/**
	 * What a share of the node at this path of the caller's namespace starts from: the node in its owner's home,
	 * the caller's rights there (a share never grants more), and the share it was received through, if any.
	 */
	public ShareSource shareSource(Actor actor, long ownerId, StoragePath path) {
		Location at = readable(actor, ownerId, path);
		Node real = nodes.find(at.ownerId(), at.path()).orElseThrow(() -> StorageException.notFound(path));
		return new ShareSource(real, at.permissions(), at.mount() == null ? null : at.mount().shareId(),
				at.view().show(real));
	}

	/** A node by id as the caller sees it, if they can see it at all (their own, or through a share or link). */
	public Optional<Node> visible(Actor actor, long nodeId) {
		return nodes.findById(nodeId).flatMap(real -> locate(actor, real).map(at -> at.view().show(real)));
	}

	/** The location of a path the caller must be able to read; NOT_FOUND otherwise. */
	private Location readable(Actor actor, long ownerId, StoragePath path) {
		Location at = namespace.resolve(actor, ownerId, path);
		if (!at.permissions().read()) {
			throw StorageException.notFound(path);
		}
		return at;
	}

	private Location readable(Actor actor, Node node) {
		return readable(actor, node.ownerId(), node.path());
	}

	// ---- writing

	/** Stores a file's content, creating the file or replacing the current content atomically. */
	public WriteResult write(Actor actor, long ownerId, StoragePath path, InputStream body, WriteOptions options) {
		return store(actor, ownerId, path, options, allowed -> disk.receive(body, allowed));
	}

	/**
	 * Stores a staged upload as a file's content like {@link #write(Actor, long, StoragePath, InputStream,
	 * WriteOptions)}, without copying it: the file is hard-linked into the home.
	 */
	public WriteResult write(Actor actor, long ownerId, StoragePath path, UploadStaging.StagedFile staged,
			WriteOptions options) {
		return store(actor, ownerId, path, options, allowed -> disk.link(staged.file(), allowed));
	}

	/**
	 * Resolves the target in the caller's namespace and checks the right: update for an existing file, create for a
	 * new one. A visitor of an upload-only link never learns a name is taken: the file is stored beside it.
	 */
	private WriteResult store(Actor actor, long ownerId, StoragePath path, WriteOptions options,
			LongFunction<DiskStore.Received> receive) {
		Location at = namespace.resolve(actor, ownerId, path);
		if (at.path().isRoot()) {
			throw new StorageException(Reason.CONFLICT, "the home folder is not a file");
		}
		StoragePath target = at.path();
		Optional<Node> existing = nodes.find(at.ownerId(), target);
		if (existing.isPresent() && !at.permissions().read()) {
			target = freeName(at.ownerId(), target);
			existing = Optional.empty();
		}
		Namespace.require(existing.isPresent() ? at.permissions().write() : at.permissions().create(),
				existing.isPresent() ? "change /" + path : "create /" + path);
		WriteResult written = storeAt(actor, at.ownerId(), target, options, receive);
		return new WriteResult(at.view().show(written.node()), written.created());
	}

	/** The first of {@code path}, {@code name (2).ext}, … that does not exist. */
	private StoragePath freeName(long ownerId, StoragePath path) {
		for (int n = 2;; n++) {
			StoragePath candidate = path.parent().child(Namespace.numbered(path.name(), n));
			if (nodes.find(ownerId, candidate).isEmpty()) {
				return candidate;
			}
		}
	}

	/** A write at a real location whose right was checked. */
	private WriteResult storeAt(Actor actor, long ownerId, StoragePath path, WriteOptions options,
			LongFunction<DiskStore.Received> receive) {
		Node parent = requireFolder(ownerId, path.parent());
		Optional<Node> existing = nodes.find(ownerId, path);
		checkWritableTarget(existing, options);
		if (existing.isEmpty()) {
			locks.checkWritableAt(actor, ownerId, parent.path(), false, options.lockTokens());
		}
		locks.checkWritableAt(actor, ownerId, path, false, options.lockTokens());
		long replaced = existing.map(Node::size).orElse(0L);
		long allowed = allowance(ownerId, replaced);
		if (options.expectedLength() > allowed) {
			throw new StorageException(Reason.INSUFFICIENT_STORAGE, "quota exceeded");
		}
		DiskStore.Received received = receive.apply(allowed);
		try {
			if (options.expectedLength() >= 0 && received.size() != options.expectedLength()) {
				throw new StorageException(Reason.BAD_CONTENT, "expected " + options.expectedLength()
						+ " bytes, received " + received.size());
			}
			String checksum = checksumFor(received, options.checksum());
			WriteResult result = guards.forFile(ownerId, path.toString(), () -> {
				Optional<Node> current = nodes.find(ownerId, path);
				checkWritableTarget(current, options);
				Long version = current.filter(file -> !file.directory())
					.map(file -> versions.capture(file, fileOf(ownerId, path)))
					.orElse(null);
				try {
					return tx.execute(status -> replaceContent(actor, ownerId, path, parent, received, checksum,
							options));
				}
				catch (RuntimeException e) {
					versions.discard(ownerId, version);
					throw e;
				}
			});
			events.publishEvent(new NodeWritten(actor, result.node(), result.created()));
			return result;
		}
		finally {
			disk.discard(received);
		}
	}

	/** The transaction of {@link #write}: checks again under the file's guard, then records and renames. */
	private WriteResult replaceContent(Actor actor, long ownerId, StoragePath path, Node parent,
			DiskStore.Received received, String checksum, WriteOptions options) {
		Optional<Node> current = nodes.find(ownerId, path);
		checkWritableTarget(current, options);
		long currentSize = current.map(Node::size).orElse(0L);
		if (received.size() > allowance(ownerId, currentSize)) {
			throw new StorageException(Reason.INSUFFICIENT_STORAGE, "quota exceeded");
		}
		long mtime = options.mtime() != null ? options.mtime() : now();
		String etag = Etags.next();
		String mime = mimeTypes.forName(path.name());
		Node written;
		if (current.isPresent()) {
			Node old = current.get();
			nodes.updateContent(old.id(), received.size(), mtime, etag, checksum, mime);
			long ctime = old.ctime();
			if (options.ctime() != null) {
				ctime = options.ctime();
				nodes.updateCtime(old.id(), ctime);
			}
			written = new Node(old.id(), ownerId, old.parentId(), old.name(), path, false, received.size(),
					mtime, ctime, etag, checksum, mime);
		}
		else {
			long now = now();
			Node created = new Node(0, ownerId, parent.id(), path.name(), path, false, received.size(), mtime,
					options.ctime() != null ? options.ctime() : now, etag, checksum, mime);
			written = created.withId(nodes.insert(created));
		}
		nodes.updateContentAuthor(written.id(), authorOf(actor));
		propagate(ownerId, path, etag, received.size() - currentSize,
				current.isEmpty() ? now() : null);
		disk.commit(received, fileOf(ownerId, path), mtime);
		return new WriteResult(written, current.isEmpty());
	}

	public Node createFolder(Actor actor, long ownerId, StoragePath path, Set<String> lockTokens) {
		Location at = namespace.resolve(actor, ownerId, path);
		if (at.path().isRoot() || at.isMountRoot()) {
			throw new StorageException(Reason.ALREADY_EXISTS, "/" + path + " exists");
		}
		Namespace.require(at.permissions().create(), "create /" + path);
		return at.view().show(createFolderAt(actor, at.ownerId(), at.path(), lockTokens));
	}

	private Node createFolderAt(Actor actor, long ownerId, StoragePath path, Set<String> lockTokens) {
		Node parent = requireFolder(ownerId, path.parent());
		locks.checkWritableAt(actor, ownerId, parent.path(), false, lockTokens);
		locks.checkWritableAt(actor, ownerId, path, false, lockTokens);
		return guards.forFile(ownerId, path.toString(), () -> tx.execute(status -> {
			if (nodes.find(ownerId, path).isPresent()) {
				throw new StorageException(Reason.ALREADY_EXISTS, "/" + path + " exists");
			}
			long now = now();
			String etag = Etags.next();
			long id = nodes.insert(new Node(0, ownerId, parent.id(), path.name(), path, true, 0, now, now, etag, null,
					Node.FOLDER_MIME_TYPE));
			propagate(ownerId, path, etag, 0, now);
			disk.createDirectory(fileOf(ownerId, path), now);
			return nodes.findById(id).orElseThrow();
		}));
	}

	/**
	 * Deletes a file or folder with everything below it: it moves, with its ids and metadata, into the owner's trash.
	 */
	public void delete(Actor actor, long ownerId, StoragePath path, String ifMatch, Set<String> lockTokens) {
		Location at = namespace.resolve(actor, ownerId, path);
		Node node = get(actor, ownerId, path);
		if (at.path().isRoot()) {
			throw new StorageException(Reason.FORBIDDEN, "the home folder cannot be deleted");
		}
		if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(node.etag())) {
			throw new StorageException(Reason.PRECONDITION_FAILED, "etag does not match");
		}
		if (at.isMountRoot()) {
			namespace.leave(at.mount(), actor.userId());
			return;
		}
		Namespace.require(at.permissions().delete(), "delete /" + path);
		deleteAt(actor, at.ownerId(), at.path(), lockTokens);
		if (at.mount() == null && !actor.isSystem() && actor.kind() != Actor.Kind.LINK) {
			namespace.leaveBelow(actor.userId(), path);
		}
	}

	/** Moves a node of a real location, whose right was checked, into its owner's trash. */
	private void deleteAt(Actor actor, long ownerId, StoragePath path, Set<String> lockTokens) {
		locks.checkWritableAt(actor, ownerId, path, true, lockTokens);
		locks.checkWritableAt(actor, ownerId, path.parent(), false, lockTokens);
		guards.forTree(ownerId, () -> {
			Node current = nodes.find(ownerId, path).orElseThrow(() -> StorageException.notFound(path));
			long itemId = beginTrashing(actor, current);
			Path file = fileOf(ownerId, path);
			try {
				tx.executeWithoutResult(status -> {
					captureInTrash(itemId, current);
					propagate(ownerId, path, Etags.next(), -current.size(), now());
					intoTrash(ownerId, itemId, file);
				});
			}
			catch (RuntimeException e) {
				undoTrashing(ownerId, itemId, file);
				throw e;
			}
			return null;
		});
		locks.releaseSubtree(ownerId, path);
		if (namespace.ownerHasShares(ownerId)) {
			// shares on the trashed nodes went with them; recipients must not keep them in their cached mounts
			namespace.invalidateAll();
		}
	}

	/**
	 * Moves or renames; the node keeps its id and etag, so clients see a rename, not a new file. Moving the root of a
	 * received share changes only where it is mounted; a move between two owners' trees is a copy followed by a
	 * delete of the source (ADR 0008 §4).
	 */
	public WriteResult move(Actor actor, long ownerId, StoragePath from, StoragePath to, boolean overwrite,
			Set<String> lockTokens) {
		Location source = namespace.resolve(actor, ownerId, from);
		Location target = namespace.resolve(actor, ownerId, to);
		get(actor, ownerId, from);
		if (source.isMountRoot()) {
			return moveMount(actor, ownerId, source, to, target);
		}
		Namespace.require(source.permissions().move(), "move /" + from);
		checkTarget(target, to);
		checkTransfer(from, to);
		if (source.ownerId() != target.ownerId()) {
			WriteResult copied = copyAcross(actor, source, target, overwrite, false, lockTokens);
			deleteAt(actor, source.ownerId(), source.path(), lockTokens);
			return copied;
		}
		Node node = realNode(source);
		long realOwner = source.ownerId();
		locks.checkWritableAt(actor, realOwner, source.path(), true, lockTokens);
		locks.checkWritableAt(actor, realOwner, source.path().parent(), false, lockTokens);
		WriteResult result = transfer(actor, realOwner, MoveJournal.Operation.MOVE, node, target.path(), overwrite,
				lockTokens);
		locks.releaseSubtree(realOwner, source.path());
		if (source.mount() == null && target.mount() == null && !actor.isSystem()
				&& actor.kind() != Actor.Kind.LINK) {
			namespace.followMove(actor.userId(), from, to);
		}
		return new WriteResult(target.view().show(result.node()), result.created());
	}

	/**
	 * Copies a file or tree; the copies are new nodes with new ids. Dead properties come along. {@code shallow}
	 * copies a folder without its members (COPY with Depth 0).
	 */
	public WriteResult copy(Actor actor, long ownerId, StoragePath from, StoragePath to, boolean overwrite,
			boolean shallow, Set<String> lockTokens) {
		Location source = namespace.resolve(actor, ownerId, from);
		Location target = namespace.resolve(actor, ownerId, to);
		get(actor, ownerId, from);
		checkTarget(target, to);
		checkTransfer(from, to);
		if (source.ownerId() != target.ownerId()) {
			return copyAcross(actor, source, target, overwrite, shallow, lockTokens);
		}
		Node node = realNode(source);
		MoveJournal.Operation operation = shallow && node.directory() ? MoveJournal.Operation.SHALLOW_COPY
				: MoveJournal.Operation.COPY;
		WriteResult result = transfer(actor, source.ownerId(), operation, node, target.path(), overwrite, lockTokens);
		return new WriteResult(target.view().show(result.node()), result.created());
	}

	private Node realNode(Location at) {
		return nodes.find(at.ownerId(), at.path()).orElseThrow(() -> StorageException.notFound(at.visiblePath()));
	}

	/** A move or copy may put something at {@code to} only where the caller may create, and never over a mount. */
	private static void checkTarget(Location target, StoragePath to) {
		if (target.path().isRoot() || target.isMountRoot()) {
			throw new StorageException(Reason.FORBIDDEN, "/" + to + " cannot be replaced");
		}
		Namespace.require(target.permissions().create(), "create /" + to);
	}

	/** A recipient renames or moves a share they received: only its mount row changes, within their own tree. */
	private WriteResult moveMount(Actor actor, long ownerId, Location source, StoragePath to, Location target) {
		if (target.mount() != null || !target.view().isIdentity()) {
			throw new StorageException(Reason.FORBIDDEN, "a received share can only be moved within your own files");
		}
		if (to.isRoot()) {
			throw new StorageException(Reason.FORBIDDEN, "the home folder cannot be replaced");
		}
		requireFolder(ownerId, to.parent());
		if (nodes.find(ownerId, to).isPresent()) {
			throw new StorageException(Reason.PRECONDITION_FAILED, "/" + to + " exists");
		}
		namespace.moveMount(source.mount(), actor.userId(), to);
		return new WriteResult(get(actor, ownerId, to), true);
	}

	/**
	 * Copies a file or tree from one owner's home into another's through the ordinary write paths, so the target
	 * owner's quota, versions and trash apply. New ids, like a copy.
	 */
	private WriteResult copyAcross(Actor actor, Location from, Location to, boolean overwrite, boolean shallow,
			Set<String> lockTokens) {
		Node source = realNode(from);
		Optional<Node> existing = nodes.find(to.ownerId(), to.path());
		if (existing.isPresent()) {
			if (!overwrite) {
				throw new StorageException(Reason.PRECONDITION_FAILED, "/" + to.visiblePath() + " exists");
			}
			if (existing.get().directory() || source.directory()) {
				deleteAt(actor, to.ownerId(), to.path(), lockTokens);
			}
		}
		copyTree(actor, source, to.ownerId(), to.path(), shallow, lockTokens);
		Node copied = nodes.find(to.ownerId(), to.path()).orElseThrow();
		return new WriteResult(to.view().show(copied), existing.isEmpty());
	}

	private void copyTree(Actor actor, Node source, long toOwner, StoragePath to, boolean shallow,
			Set<String> lockTokens) {
		if (!source.directory()) {
			WriteOptions options = new WriteOptions(source.mtime(), null, source.checksum(), source.size(), null, false,
					lockTokens);
			try (InputStream in = disk.open(fileOf(source.ownerId(), source.path()), 0)) {
				storeAt(actor, toOwner, to, options, allowed -> disk.receive(in, allowed));
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			return;
		}
		createFolderAt(actor, toOwner, to, lockTokens);
		if (!shallow) {
			for (Node child : nodes.children(source.id())) {
				copyTree(actor, child, toOwner, to.child(child.name()), false, lockTokens);
			}
		}
	}

	/** Applies property changes in order, all or nothing. */
	public void patchProperties(Actor actor, long ownerId, StoragePath path, List<PropertyUpdate> updates,
			Set<String> lockTokens) {
		Node node = get(actor, ownerId, path);
		Location at = namespace.resolve(actor, ownerId, path);
		Namespace.require(at.permissions().write(), "change /" + path);
		locks.checkWritableAt(actor, at.ownerId(), at.path(), false, lockTokens);
		tx.executeWithoutResult(status -> {
			for (PropertyUpdate update : updates) {
				DeadProperty property = update.property();
				if (update.remove()) {
					nodes.removeDeadProperty(node.id(), property.namespace(), property.localName());
				}
				else {
					nodes.setDeadProperty(node.id(), property);
				}
			}
		});
	}

	/** Sets a node's modification time (clients send it separately from content, e.g. Windows). */
	public Node setMtime(Actor actor, long homeOwnerId, StoragePath visiblePath, long mtimeSeconds,
			Set<String> lockTokens) {
		Node node = get(actor, homeOwnerId, visiblePath);
		Location at = namespace.resolve(actor, homeOwnerId, visiblePath);
		Namespace.require(at.permissions().write(), "change /" + visiblePath);
		long ownerId = at.ownerId();
		StoragePath path = at.path();
		locks.checkWritableAt(actor, ownerId, path, false, lockTokens);
		return at.view().show(guards.forFile(ownerId, path.toString(), () -> tx.execute(status -> {
			String etag = Etags.next();
			nodes.updateMtime(node.id(), mtimeSeconds, etag);
			if (!path.isRoot()) {
				propagate(ownerId, path, etag, 0, null);
			}
			disk.setMtime(fileOf(ownerId, path), mtimeSeconds);
			return nodes.findById(node.id()).orElseThrow();
		})));
	}

	// ---- internals

	/** Checks a move or copy in the caller's namespace (visible paths). */
	private static void checkTransfer(StoragePath from, StoragePath to) {
		if (from.isRoot() || to.isRoot()) {
			throw new StorageException(Reason.FORBIDDEN, "the home folder cannot be moved or replaced");
		}
		if (from.equals(to)) {
			throw new StorageException(Reason.FORBIDDEN, "source and destination are the same");
		}
		if (from.contains(to)) {
			throw new StorageException(Reason.TARGET_INSIDE_SOURCE, "cannot put a folder inside itself");
		}
	}

	private WriteResult transfer(Actor actor, long ownerId, MoveJournal.Operation operation, Node source,
			StoragePath to, boolean overwrite, Set<String> lockTokens) {
		Node targetParent = requireFolder(ownerId, to.parent());
		locks.checkWritableAt(actor, ownerId, to, true, lockTokens);
		locks.checkWritableAt(actor, ownerId, to.parent(), false, lockTokens);
		return guards.forTree(ownerId, () -> {
			Optional<Node> existing = nodes.find(ownerId, to);
			if (existing.isPresent() && !overwrite) {
				throw new StorageException(Reason.PRECONDITION_FAILED, "/" + to + " exists");
			}
			long replacedSize = existing.map(Node::size).orElse(0L);
			if (operation == MoveJournal.Operation.COPY && source.size() > allowance(ownerId, replacedSize)) {
				throw new StorageException(Reason.INSUFFICIENT_STORAGE, "quota exceeded");
			}
			// a file replaced by a file: its content becomes a version of the file now at that path; anything else
			// replaced (a folder, or a file replaced by a folder) goes to the trash
			Optional<Node> replacedFile = existing.filter(old -> !old.directory() && !source.directory());
			if (operation == MoveJournal.Operation.COPY && replacedFile.isPresent()) {
				return copyOntoFile(actor, source, replacedFile.get());
			}
			Path targetFile = fileOf(ownerId, to);
			Long version = replacedFile.map(old -> versions.capture(old, targetFile)).orElse(null);
			MoveJournal.Entry entry = journal.begin(operation, ownerId, source.path(), to);
			Long trashItemId = existing.filter(old -> replacedFile.isEmpty())
				.map(replaced -> beginTrashing(actor, replaced))
				.orElse(null);
			Path aside = null;
			try {
				if (trashItemId != null) {
					intoTrash(ownerId, trashItemId, targetFile);
				}
				else if (existing.isPresent()) {
					aside = disk.moveAside(targetFile, MoveJournal.asideName(entry));
				}
				WriteResult result = tx.execute(status -> {
					String etag = Etags.next();
					long now = now();
					replacedFile.ifPresent(old -> versions.reattach(old.id(), source.id()));
					if (trashItemId != null) {
						captureInTrash(trashItemId, existing.get());
					}
					else {
						existing.ifPresent(old -> nodes.deleteSubtree(ownerId, to));
					}
					long id;
					long delta;
					if (operation == MoveJournal.Operation.MOVE) {
						nodes.move(source, targetParent.id(), to);
						propagate(ownerId, source.path(), etag, -source.size(),
								now);
						id = source.id();
						delta = source.size() - replacedSize;
					}
					else if (operation == MoveJournal.Operation.COPY) {
						id = insertCopies(ownerId, source, targetParent.id(), to);
						delta = source.size() - replacedSize;
					}
					else {
						id = nodes.insert(new Node(0, ownerId, targetParent.id(), to.name(), to, true, 0, now, now,
								etag, null, Node.FOLDER_MIME_TYPE));
						nodes.copyDeadProperties(source.id(), id);
						delta = -replacedSize;
					}
					propagate(ownerId, to, etag, delta, now);
					journal.finish(entry);
					switch (operation) {
						case MOVE -> disk.rename(fileOf(ownerId, source.path()), targetFile);
						case COPY -> disk.copy(fileOf(ownerId, source.path()), targetFile);
						case SHALLOW_COPY -> disk.createDirectory(targetFile, now);
					}
					return new WriteResult(nodes.findById(id).orElseThrow(), existing.isEmpty());
				});
				if (aside != null) {
					disk.purge(aside);
				}
				if (existing.isPresent()) {
					locks.releaseSubtree(ownerId, to);
				}
				return result;
			}
			catch (RuntimeException e) {
				if (aside != null) {
					disk.rename(aside, targetFile);
				}
				if (trashItemId != null) {
					undoTrashing(ownerId, trashItemId, targetFile);
				}
				journal.abandon(entry);
				versions.discard(ownerId, version);
				throw e;
			}
		});
	}

	/**
	 * COPY of a file onto a file: like a PUT of the source's bytes, the target keeps its id and its old content
	 * becomes a version. Runs under the home's tree guard.
	 */
	private WriteResult copyOntoFile(Actor actor, Node source, Node target) {
		long ownerId = target.ownerId();
		Path targetFile = fileOf(ownerId, target.path());
		Long version = versions.capture(target, targetFile);
		try {
			return tx.execute(status -> {
				String etag = Etags.next();
				nodes.updateContent(target.id(), source.size(), source.mtime(), etag, source.checksum(),
						source.mimeType());
				nodes.updateContentAuthor(target.id(), authorOf(actor));
				propagate(ownerId, target.path(), etag,
						source.size() - target.size(), null);
				disk.copy(fileOf(ownerId, source.path()), targetFile);
				return new WriteResult(nodes.findById(target.id()).orElseThrow(), false);
			});
		}
		catch (RuntimeException e) {
			versions.discard(ownerId, version);
			throw e;
		}
	}

	/**
	 * The intent row of a move into the trash, committed on its own before the disk changes: a restart that finds it
	 * still in state TRASHING knows the metadata never committed and renames the content back.
	 */
	private long beginTrashing(Actor actor, Node node) {
		return tx.execute(status -> trash.insert(node, actor.isSystem() ? null : actor.userId(), now(), false,
				TrashRepository.State.TRASHING));
	}

	/** In the metadata transaction: the subtree's rows leave the tree for the trash item. */
	private void captureInTrash(long itemId, Node node) {
		trash.capture(itemId, node.ownerId(), node.path());
		trash.setState(itemId, TrashRepository.State.TRASHED, null);
	}

	/** One rename of the file or folder into the owner's trash folder. */
	private void intoTrash(long ownerId, long itemId, Path file) {
		disk.createDirectories(disk.trashOf(ownerId));
		disk.rename(file, disk.trashItem(ownerId, itemId));
	}

	/** After a failed move into the trash: the content goes back and the intent row goes. */
	private void undoTrashing(long ownerId, long itemId, Path file) {
		Path inTrash = disk.trashItem(ownerId, itemId);
		if (disk.exists(inTrash) && !disk.exists(file)) {
			disk.rename(inTrash, file);
		}
		tx.executeWithoutResult(status -> trash.delete(itemId));
	}

	/** Inserts new nodes for a copied subtree, parents first; returns the new id of the copy's root. */
	private long insertCopies(long ownerId, Node source, long targetParentId, StoragePath to) {
		Map<Long, Long> newIds = new HashMap<>();
		String sourcePrefix = source.path().toString();
		long now = now();
		for (Node original : nodes.subtree(ownerId, source.path())) {
			String relative = original.path().toString().substring(sourcePrefix.length());
			StoragePath path = StoragePath.parse(to + relative);
			long parentId = original.id() == source.id() ? targetParentId : newIds.get(original.parentId());
			long id = nodes.insert(new Node(0, ownerId, parentId, path.name(), path, original.directory(),
					original.size(), original.mtime(), now, Etags.next(), original.checksum(), original.mimeType()));
			nodes.copyDeadProperties(original.id(), id);
			newIds.put(original.id(), id);
		}
		return newIds.get(source.id());
	}

	private void checkWritableTarget(Optional<Node> existing, WriteOptions options) {
		if (existing.isPresent() && existing.get().directory()) {
			throw new StorageException(Reason.CONFLICT, "/" + existing.get().path() + " is a folder");
		}
		if (options.createOnly() && existing.isPresent()) {
			throw new StorageException(Reason.PRECONDITION_FAILED, "/" + existing.get().path() + " exists");
		}
		String ifMatch = options.ifMatch();
		if (ifMatch != null && (existing.isEmpty() || !(ifMatch.equals("*") || ifMatch.equals(existing.get().etag())))) {
			throw new StorageException(Reason.PRECONDITION_FAILED, "etag does not match");
		}
	}

	Node requireFolder(long ownerId, StoragePath path) {
		Node parent = nodes.find(ownerId, path)
			.orElseThrow(() -> new StorageException(Reason.CONFLICT, "parent folder /" + path + " does not exist"));
		if (!parent.directory()) {
			throw new StorageException(Reason.CONFLICT, "/" + path + " is not a folder");
		}
		return parent;
	}

	long allowance(long ownerId, long replacedBytes) {
		long quota = settings(ownerId).quotaBytes();
		if (quota == Home.UNLIMITED) {
			return Long.MAX_VALUE;
		}
		return Math.max(0, quota - nodes.usedBytes(ownerId) + replacedBytes);
	}

	private static String checksumFor(DiskStore.Received received, String clientChecksum) {
		String sha1 = "SHA1:" + received.sha1();
		if (clientChecksum == null || clientChecksum.isBlank()) {
			return sha1;
		}
		String[] parts = clientChecksum.trim().split(":", 2);
		if (parts.length == 2 && parts[0].equalsIgnoreCase("SHA1")) {
			if (!parts[1].trim().equalsIgnoreCase(received.sha1())) {
				throw new StorageException(Reason.BAD_CONTENT, "checksum mismatch");
			}
			return sha1;
		}
		return sha1 + " " + clientChecksum.trim();
	}

	/**
	 * For operations on a whole home (its trash, its quota): only its owner and the system. Link visitors and
	 * recipients of shares never reach another user's home this way.
	 */
	void requireHomeOwner(Actor actor, long ownerId) {
		if (!actor.isSystem() && (actor.kind() == Actor.Kind.LINK || actor.userId() != ownerId)) {
			throw new StorageException(Reason.NOT_FOUND, "not found");
		}
	}

	/** Where the caller sees a real node, if anywhere (for operations named by node id). */
	Optional<Location> locate(Actor actor, Node real) {
		return namespace.locate(actor, real.ownerId(), real.path());
	}

	/** Where the caller sees a real path of an owner's home, if anywhere. */
	Optional<Location> locate(Actor actor, long realOwner, StoragePath realPath) {
		return namespace.locate(actor, realOwner, realPath);
	}

	Location resolve(Actor actor, long homeOwnerId, StoragePath path) {
		return namespace.resolve(actor, homeOwnerId, path);
	}

	/**
	 * Writes an etag, mtime and size change at {@code changed} into its ancestors, and the etag into the folders
	 * above every recipient's mount of a share that contains it, so their sync clients descend to the change.
	 */
	void propagate(long ownerId, StoragePath changed, String etag, long sizeDelta, Long parentMtime) {
		nodes.propagate(ownerId, changed.parent().selfAndAncestors(), etag, sizeDelta, parentMtime);
		if (namespace.ownerHasShares(ownerId)) {
			for (GrantRepository.RecipientMount mount : grants.recipientMounts(ownerId)) {
				if (mount.sharedPath().contains(changed) && !mount.mountPath().isRoot()) {
					nodes.propagate(mount.userId(), mount.mountPath().parent().selfAndAncestors(), etag, 0, null);
				}
			}
		}
	}

	Path fileOf(long ownerId, StoragePath path) {
		return disk.resolve(settings(ownerId).name(), path);
	}

	private HomeRepository.Settings settings(long ownerId) {
		return homes.settings(ownerId).orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no such home"));
	}

	/** Who a version will name as the author of content this actor writes: nobody for the system. */
	static Long authorOf(Actor actor) {
		return actor.isSystem() ? null : actor.userId();
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}
}
