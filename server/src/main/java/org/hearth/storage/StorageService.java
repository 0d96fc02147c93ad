package org.hearth.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.DiskStore;
import org.hearth.storage.internal.Etags;
import org.hearth.storage.internal.HomeGuards;
import org.hearth.storage.internal.HomeRepository;
import org.hearth.storage.internal.MimeTypes;
import org.hearth.storage.internal.MoveJournal;
import org.hearth.storage.internal.NodeRepository;
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

	public StorageService(NodeRepository nodes, HomeRepository homes, DiskStore disk, LockService locks,
			HomeGuards guards, MimeTypes mimeTypes, MoveJournal journal, TransactionTemplate tx, Clock clock,
			ApplicationEventPublisher events, VersionStore versions) {
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

	public void setQuota(long ownerId, long quotaBytes) {
		home(ownerId);
		homes.updateQuota(ownerId, quotaBytes);
	}

	/** Removes a home with all its files and their versions. */
	public void deleteHome(long ownerId) {
		Home home = home(ownerId);
		guards.forTree(ownerId, () -> {
			Path aside = tx.execute(status -> {
				versions.purge(ownerId, versions.filesWithVersions(ownerId));
				disk.purge(disk.versionsDir(home.name()));
				nodes.deleteSubtree(ownerId, StoragePath.ROOT);
				homes.delete(ownerId);
				Path dir = disk.homeDir(home.name());
				return disk.exists(dir) ? disk.moveAside(dir, "home-" + ownerId + "-" + Etags.next()) : null;
			});
			if (aside != null) {
				disk.purge(aside);
			}
			locks.releaseSubtree(ownerId, StoragePath.ROOT);
			return null;
		});
	}

	// ---- reading

	public Optional<Node> find(Actor actor, long ownerId, StoragePath path) {
		if (permissionsOn(actor, ownerId) == Permissions.NONE) {
			return Optional.empty();
		}
		return nodes.find(ownerId, path);
	}

	public Node get(Actor actor, long ownerId, StoragePath path) {
		return find(actor, ownerId, path).orElseThrow(() -> StorageException.notFound(path));
	}

	/** The children of a folder, in one query. */
	public List<Node> list(Actor actor, Node folder) {
		requireAccess(actor, folder.ownerId());
		if (!folder.directory()) {
			throw new StorageException(Reason.CONFLICT, "not a folder");
		}
		return nodes.children(folder.id());
	}

	public Permissions permissions(Actor actor, Node node) {
		return permissionsOn(actor, node.ownerId());
	}

	/** Opens a file's content at {@code offset}; the caller closes the stream. */
	public InputStream open(Actor actor, Node node, long offset) {
		requireAccess(actor, node.ownerId());
		if (node.directory()) {
			throw new StorageException(Reason.CONFLICT, "a folder has no content");
		}
		return disk.open(fileOf(node.ownerId(), node.path()), offset);
	}

	/**
	 * Where a file's content lies on disk, for a web server's zero-copy transfer (sendfile). Only for reading: every
	 * change goes through this service.
	 */
	public Path contentLocation(Actor actor, Node node) {
		requireAccess(actor, node.ownerId());
		if (node.directory()) {
			throw new StorageException(Reason.CONFLICT, "a folder has no content");
		}
		return fileOf(node.ownerId(), node.path());
	}

	public List<DeadProperty> deadProperties(Actor actor, Node node) {
		requireAccess(actor, node.ownerId());
		return nodes.deadProperties(node.id());
	}

	/** Dead properties of a node and (for folders) its children, keyed by node id; one query. */
	public Map<Long, List<DeadProperty>> deadPropertiesWithChildren(Actor actor, Node node) {
		requireAccess(actor, node.ownerId());
		return nodes.deadPropertiesWithChildren(node.id());
	}

	/** Files and folders at or below {@code folder} carrying this stored property value (e.g. favourites). */
	public List<Node> findByProperty(Actor actor, long ownerId, StoragePath folder, DeadProperty property) {
		requireAccess(actor, ownerId);
		return nodes.withProperty(ownerId, folder, property.namespace(), property.localName(), property.valueXml());
	}

	/** Files and folders of one home matching a search, in one query. */
	public List<Node> search(Actor actor, long ownerId, NodeSearch search) {
		requireAccess(actor, ownerId);
		return nodes.search(ownerId, search);
	}

	/** The stored properties of several nodes of one home, keyed by node id. */
	public Map<Long, List<DeadProperty>> deadPropertiesOf(Actor actor, long ownerId, List<Node> of) {
		requireAccess(actor, ownerId);
		return nodes.deadPropertiesOf(of.stream().filter(n -> n.ownerId() == ownerId).map(Node::id).toList());
	}

	// ---- writing

	/** Stores a file's content, creating the file or replacing the current content atomically. */
	public WriteResult write(Actor actor, long ownerId, StoragePath path, InputStream body, WriteOptions options) {
		requireAccess(actor, ownerId);
		if (path.isRoot()) {
			throw new StorageException(Reason.CONFLICT, "the home folder is not a file");
		}
		Node parent = requireFolder(ownerId, path.parent());
		Optional<Node> existing = nodes.find(ownerId, path);
		checkWritableTarget(existing, options);
		if (existing.isEmpty()) {
			locks.checkWritable(actor, ownerId, parent.path(), false, options.lockTokens());
		}
		locks.checkWritable(actor, ownerId, path, false, options.lockTokens());
		long replaced = existing.map(Node::size).orElse(0L);
		long allowed = allowance(ownerId, replaced);
		if (options.expectedLength() > allowed) {
			throw new StorageException(Reason.INSUFFICIENT_STORAGE, "quota exceeded");
		}
		DiskStore.Received received = disk.receive(body, allowed);
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
		nodes.propagate(ownerId, path.parent().selfAndAncestors(), etag, received.size() - currentSize,
				current.isEmpty() ? now() : null);
		disk.commit(received, fileOf(ownerId, path), mtime);
		return new WriteResult(written, current.isEmpty());
	}

	public Node createFolder(Actor actor, long ownerId, StoragePath path, Set<String> lockTokens) {
		requireAccess(actor, ownerId);
		if (path.isRoot()) {
			throw new StorageException(Reason.ALREADY_EXISTS, "the home folder exists");
		}
		Node parent = requireFolder(ownerId, path.parent());
		locks.checkWritable(actor, ownerId, parent.path(), false, lockTokens);
		locks.checkWritable(actor, ownerId, path, false, lockTokens);
		return guards.forFile(ownerId, path.toString(), () -> tx.execute(status -> {
			if (nodes.find(ownerId, path).isPresent()) {
				throw new StorageException(Reason.ALREADY_EXISTS, "/" + path + " exists");
			}
			long now = now();
			String etag = Etags.next();
			long id = nodes.insert(new Node(0, ownerId, parent.id(), path.name(), path, true, 0, now, now, etag, null,
					Node.FOLDER_MIME_TYPE));
			nodes.propagate(ownerId, path.parent().selfAndAncestors(), etag, 0, now);
			disk.createDirectory(fileOf(ownerId, path), now);
			return nodes.findById(id).orElseThrow();
		}));
	}

	/** Deletes a file or folder with everything below it. */
	public void delete(Actor actor, long ownerId, StoragePath path, String ifMatch, Set<String> lockTokens) {
		requireAccess(actor, ownerId);
		if (path.isRoot()) {
			throw new StorageException(Reason.FORBIDDEN, "the home folder cannot be deleted");
		}
		Node node = get(actor, ownerId, path);
		if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(node.etag())) {
			throw new StorageException(Reason.PRECONDITION_FAILED, "etag does not match");
		}
		locks.checkWritable(actor, ownerId, path, true, lockTokens);
		locks.checkWritable(actor, ownerId, path.parent(), false, lockTokens);
		guards.forTree(ownerId, () -> {
			Path aside = tx.execute(status -> {
				Node current = nodes.find(ownerId, path).orElseThrow(() -> StorageException.notFound(path));
				nodes.deleteSubtree(ownerId, path);
				String etag = Etags.next();
				nodes.propagate(ownerId, path.parent().selfAndAncestors(), etag, -current.size(), now());
				return disk.moveAside(fileOf(ownerId, path), "deleting-" + current.id() + "-" + etag);
			});
			disk.purge(aside);
			return null;
		});
		locks.releaseSubtree(ownerId, path);
	}

	/** Moves or renames; the node keeps its id and etag, so clients see a rename, not a new file. */
	public WriteResult move(Actor actor, long ownerId, StoragePath from, StoragePath to, boolean overwrite,
			Set<String> lockTokens) {
		Node source = checkTransfer(actor, ownerId, from, to);
		locks.checkWritable(actor, ownerId, from, true, lockTokens);
		locks.checkWritable(actor, ownerId, from.parent(), false, lockTokens);
		WriteResult result = transfer(actor, ownerId, MoveJournal.Operation.MOVE, source, to, overwrite, lockTokens);
		locks.releaseSubtree(ownerId, from);
		return result;
	}

	/**
	 * Copies a file or tree; the copies are new nodes with new ids. Dead properties come along. {@code shallow}
	 * copies a folder without its members (COPY with Depth 0).
	 */
	public WriteResult copy(Actor actor, long ownerId, StoragePath from, StoragePath to, boolean overwrite,
			boolean shallow, Set<String> lockTokens) {
		Node source = checkTransfer(actor, ownerId, from, to);
		MoveJournal.Operation operation = shallow && source.directory() ? MoveJournal.Operation.SHALLOW_COPY
				: MoveJournal.Operation.COPY;
		return transfer(actor, ownerId, operation, source, to, overwrite, lockTokens);
	}

	/** Applies property changes in order, all or nothing. */
	public void patchProperties(Actor actor, long ownerId, StoragePath path, List<PropertyUpdate> updates,
			Set<String> lockTokens) {
		Node node = get(actor, ownerId, path);
		locks.checkWritable(actor, ownerId, path, false, lockTokens);
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
	public Node setMtime(Actor actor, long ownerId, StoragePath path, long mtimeSeconds, Set<String> lockTokens) {
		Node node = get(actor, ownerId, path);
		locks.checkWritable(actor, ownerId, path, false, lockTokens);
		return guards.forFile(ownerId, path.toString(), () -> tx.execute(status -> {
			String etag = Etags.next();
			nodes.updateMtime(node.id(), mtimeSeconds, etag);
			if (!path.isRoot()) {
				nodes.propagate(ownerId, path.parent().selfAndAncestors(), etag, 0, null);
			}
			disk.setMtime(fileOf(ownerId, path), mtimeSeconds);
			return nodes.findById(node.id()).orElseThrow();
		}));
	}

	// ---- internals

	private Node checkTransfer(Actor actor, long ownerId, StoragePath from, StoragePath to) {
		requireAccess(actor, ownerId);
		if (from.isRoot() || to.isRoot()) {
			throw new StorageException(Reason.FORBIDDEN, "the home folder cannot be moved or replaced");
		}
		Node source = get(actor, ownerId, from);
		if (from.equals(to)) {
			throw new StorageException(Reason.FORBIDDEN, "source and destination are the same");
		}
		if (from.contains(to)) {
			throw new StorageException(Reason.TARGET_INSIDE_SOURCE, "cannot put a folder inside itself");
		}
		return source;
	}

	private WriteResult transfer(Actor actor, long ownerId, MoveJournal.Operation operation, Node source,
			StoragePath to, boolean overwrite, Set<String> lockTokens) {
		Node targetParent = requireFolder(ownerId, to.parent());
		locks.checkWritable(actor, ownerId, to, true, lockTokens);
		locks.checkWritable(actor, ownerId, to.parent(), false, lockTokens);
		return guards.forTree(ownerId, () -> {
			Optional<Node> existing = nodes.find(ownerId, to);
			if (existing.isPresent() && !overwrite) {
				throw new StorageException(Reason.PRECONDITION_FAILED, "/" + to + " exists");
			}
			long replacedSize = existing.map(Node::size).orElse(0L);
			if (operation == MoveJournal.Operation.COPY && source.size() > allowance(ownerId, replacedSize)) {
				throw new StorageException(Reason.INSUFFICIENT_STORAGE, "quota exceeded");
			}
			// a file replaced by a file: its content becomes a version of the file now at that path
			Optional<Node> replacedFile = existing.filter(old -> !old.directory() && !source.directory());
			if (operation == MoveJournal.Operation.COPY && replacedFile.isPresent()) {
				return copyOntoFile(actor, source, replacedFile.get());
			}
			Path targetFile = fileOf(ownerId, to);
			Long version = replacedFile.map(old -> versions.capture(old, targetFile)).orElse(null);
			MoveJournal.Entry entry = journal.begin(operation, ownerId, source.path(), to);
			Path aside = null;
			try {
				if (existing.isPresent()) {
					aside = disk.moveAside(targetFile, MoveJournal.asideName(entry));
				}
				WriteResult result = tx.execute(status -> {
					String etag = Etags.next();
					long now = now();
					replacedFile.ifPresent(old -> versions.reattach(old.id(), source.id()));
					existing.ifPresent(old -> nodes.deleteSubtree(ownerId, to));
					long id;
					long delta;
					if (operation == MoveJournal.Operation.MOVE) {
						nodes.move(source, targetParent.id(), to);
						nodes.propagate(ownerId, source.path().parent().selfAndAncestors(), etag, -source.size(),
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
					nodes.propagate(ownerId, to.parent().selfAndAncestors(), etag, delta, now);
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
				nodes.propagate(ownerId, target.path().parent().selfAndAncestors(), etag,
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

	private Node requireFolder(long ownerId, StoragePath path) {
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

	private void requireAccess(Actor actor, long ownerId) {
		if (permissionsOn(actor, ownerId) == Permissions.NONE) {
			throw new StorageException(Reason.NOT_FOUND, "not found");
		}
	}

	/** The one permission decision: for now owners and the system hold everything, everyone else nothing. */
	Permissions permissionsOn(Actor actor, long ownerId) {
		return actor.isSystem() || actor.userId() == ownerId ? Permissions.ALL : Permissions.NONE;
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
