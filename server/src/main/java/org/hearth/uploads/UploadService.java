package org.hearth.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.hearth.storage.Actor;
import org.hearth.storage.StagedChunk;
import org.hearth.storage.StorageException;
import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.hearth.storage.UploadStaging;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;
import org.hearth.uploads.internal.UploadSessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Chunked upload sessions: open, receive parts in any order and size, list them for a resuming client, assemble
 * them into one file, abort, and expire when idle. A session belongs to one owner and is used by nobody else but,
 * for a file drop, the visitors of the owner's link.
 */
@Service
public class UploadService {

	/** The part name a client moves to assemble the file; no part may take it. */
	public static final String ASSEMBLE_NAME = ".file";

	private static final Logger log = LoggerFactory.getLogger(UploadService.class);

	private final UploadSessionRepository sessions;

	private final UploadStaging staging;

	private final StorageService storage;

	private final UploadsProperties properties;

	private final Clock clock;

	/**
	 * What is going on in each session: a positive count of parts being received (clients send several at once), or
	 * {@link #EXCLUSIVE} while it is assembled or removed. Absent: idle.
	 */
	private final ConcurrentHashMap<String, Integer> activity = new ConcurrentHashMap<>();

	private static final int EXCLUSIVE = -1;

	public UploadService(UploadSessionRepository sessions, UploadStaging staging, StorageService storage,
			UploadsProperties properties, Clock clock) {
		this.sessions = sessions;
		this.staging = staging;
		this.storage = storage;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Opens a session; ALREADY_EXISTS when it is open (a resuming client expects that), INSUFFICIENT_STORAGE when
	 * the announced size exceeds what the owner may still store.
	 */
	public UploadSession open(Actor actor, long ownerId, String uploadId, String destination, long totalLength) {
		requireOwner(actor, ownerId, uploadId);
		String id = StoragePath.checkName(uploadId);
		if (totalLength > storage.availableBytes(ownerId)) {
			throw new StorageException(Reason.INSUFFICIENT_STORAGE, "the upload exceeds the quota");
		}
		long now = now();
		UploadSession session = new UploadSession(ownerId, id, destination, totalLength, now, now);
		if (!sessions.insert(session)) {
			throw new StorageException(Reason.ALREADY_EXISTS, "upload " + id + " exists");
		}
		try {
			staging.discard(ownerId, id);
			staging.create(ownerId, id);
		}
		catch (RuntimeException e) {
			sessions.delete(ownerId, id);
			throw e;
		}
		return session;
	}

	public UploadSession session(Actor actor, long ownerId, String uploadId) {
		requireOwner(actor, ownerId, uploadId);
		return sessions.find(ownerId, uploadId)
			.orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "no upload " + uploadId));
	}

	/**
	 * Stores one part, replacing a part of the same name. All the owner's waiting parts together, of every open
	 * session, may not exceed what the owner may still store: otherwise many sessions (a file drop's visitor may
	 * open as many as they like) could each stage up to the quota.
	 */
	public StagedChunk putChunk(Actor actor, long ownerId, String uploadId, String chunk, InputStream body) {
		UploadSession session = session(actor, ownerId, uploadId);
		String name = StoragePath.checkName(chunk);
		if (name.equals(ASSEMBLE_NAME)) {
			throw new StorageException(Reason.INVALID_NAME, ASSEMBLE_NAME + " is not a part; MOVE it to assemble");
		}
		return shared(session, () -> {
			long others = sessions.ofOwner(ownerId)
				.stream()
				.flatMap(open -> staging.chunks(ownerId, open.uploadId())
					.stream()
					.filter(part -> !(open.uploadId().equals(session.uploadId()) && part.name().equals(name))))
				.mapToLong(StagedChunk::size)
				.sum();
			long allowed = Math.max(0, storage.availableBytes(ownerId) - others);
			StagedChunk stored = staging.put(ownerId, session.uploadId(), name, body, allowed, ChunkOrder.NATURAL);
			sessions.touch(ownerId, session.uploadId(), now());
			return stored;
		});
	}

	/** The parts received so far, in the order they will be assembled. */
	public List<StagedChunk> chunks(Actor actor, long ownerId, String uploadId) {
		UploadSession session = session(actor, ownerId, uploadId);
		return staging.chunks(ownerId, session.uploadId())
			.stream()
			.sorted((a, b) -> ChunkOrder.NATURAL.compare(a.name(), b.name()))
			.toList();
	}

	/**
	 * Writes the parts, in natural order of their names, as one file at {@code destination} and closes the session.
	 * The bytes stream from the parts into storage; nothing is held in memory. When a total was announced (now, or
	 * when the session was opened) and the parts hold another number of bytes, nothing is written. The session stays
	 * open when the write is refused, so the client can fix it and try again.
	 */
	public WriteResult assemble(Actor actor, long ownerId, String uploadId, StoragePath destination,
			long announcedTotal, WriteOptions options) {
		UploadSession session = session(actor, ownerId, uploadId);
		return exclusively(session, () -> {
			List<StagedChunk> parts = chunks(actor, ownerId, uploadId);
			long staged = parts.stream().mapToLong(StagedChunk::size).sum();
			long expected = announcedTotal >= 0 ? announcedTotal : session.totalLength();
			if (expected >= 0 && staged != expected) {
				throw new StorageException(Reason.BAD_CONTENT,
						"expected " + expected + " bytes, the uploaded parts hold " + staged);
			}
			List<String> names = parts.stream().map(StagedChunk::name).toList();
			WriteOptions whole = options.withExpectedLength(staged);
			Optional<UploadStaging.StagedFile> inOneFile = staging.inOneFile(ownerId, session.uploadId(), names);
			WriteResult result;
			if (inOneFile.isPresent()) {
				result = storage.write(actor, ownerId, destination, inOneFile.get(), whole);
			}
			else {
				try (InputStream content = staging.concatenate(ownerId, session.uploadId(), names)) {
					result = storage.write(actor, ownerId, destination, content, whole);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
			discard(session);
			return result;
		});
	}

	/** Aborts a session and drops its parts. */
	public void abort(Actor actor, long ownerId, String uploadId) {
		UploadSession session = session(actor, ownerId, uploadId);
		exclusively(session, () -> {
			discard(session);
			return null;
		});
	}

	/** Removes sessions idle for longer than {@code hearth.uploads.expire-after}; returns how many. */
	public int expireIdle() {
		long cutoff = now() - properties.expireAfter().toSeconds();
		int removed = 0;
		for (UploadSession session : sessions.idleSince(cutoff)) {
			try {
				exclusively(session, () -> {
					discard(session);
					return null;
				});
				removed++;
			}
			catch (StorageException stillActive) {
				// a part is arriving or the file is being assembled: the session is not idle after all
			}
		}
		return removed;
	}

	/** Drops staged parts whose session is gone and sessions whose parts are gone, as a crash can leave them. */
	public void removeOrphans() {
		Set<String> known = new HashSet<>();
		for (UploadSession session : sessions.all()) {
			known.add(key(session));
		}
		Set<String> staged = new HashSet<>();
		for (UploadStaging.Area area : staging.areas()) {
			String key = key(area.ownerId(), area.name());
			staged.add(key);
			if (!known.contains(key)) {
				log.info("removing parts of lost upload {} of owner {}", area.name(), area.ownerId());
				staging.discard(area.ownerId(), area.name());
			}
		}
		for (UploadSession session : sessions.all()) {
			if (!staged.contains(key(session))) {
				sessions.delete(session.ownerId(), session.uploadId());
			}
		}
	}

	private void discard(UploadSession session) {
		staging.discard(session.ownerId(), session.uploadId());
		sessions.delete(session.ownerId(), session.uploadId());
	}

	private <T> T shared(UploadSession session, Supplier<T> work) {
		String key = key(session);
		activity.compute(key, (k, count) -> {
			if (count != null && count == EXCLUSIVE) {
				throw busy(session);
			}
			return count == null ? 1 : count + 1;
		});
		try {
			return work.get();
		}
		finally {
			activity.compute(key, (k, count) -> count == null || count <= 1 ? null : count - 1);
		}
	}

	private <T> T exclusively(UploadSession session, Supplier<T> work) {
		String key = key(session);
		if (activity.putIfAbsent(key, EXCLUSIVE) != null) {
			throw busy(session);
		}
		try {
			return work.get();
		}
		finally {
			activity.remove(key);
		}
	}

	private static StorageException busy(UploadSession session) {
		return new StorageException(Reason.LOCKED, "upload " + session.uploadId() + " is busy");
	}

	/**
	 * The one rule of this feature: {@code /uploads/{user}} is the user's own. Visitors of a public link may upload
	 * into it too: their sessions are staged in the link owner's area, named {@link #linkSessionPrefix}, and belong
	 * to that link's visitors; whether they may store the file is storage's decision when it is assembled.
	 */
	private static void requireOwner(Actor actor, long ownerId, String uploadId) {
		boolean allowed = actor.kind() == Actor.Kind.LINK
				? actor.link() != null && uploadId.startsWith(linkSessionPrefix(actor.link().shareId()))
				: actor.isSystem() || actor.userId() == ownerId;
		if (!allowed) {
			throw new StorageException(Reason.FORBIDDEN, "uploads belong to their owner");
		}
	}

	/** How the upload sessions of the visitors of one public link are named. */
	public static String linkSessionPrefix(long shareId) {
		return "link-" + shareId + "-";
	}

	private static String key(UploadSession session) {
		return key(session.ownerId(), session.uploadId());
	}

	private static String key(long ownerId, String uploadId) {
		return ownerId + "/" + uploadId;
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}
}
