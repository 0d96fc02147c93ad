package org.hearth.storage;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

import org.hearth.platform.HearthProperties;
import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.DiskStore;
import org.springframework.stereotype.Service;

/**
 * Where the parts of an upload wait until they are assembled into a file. Each staging area is a folder below
 * {@code .hearth/uploads/{ownerId}/}, out of the users' sight; a part arrives like any upload (temporary file,
 * fsync) and is renamed into its area, so a part is either whole or absent. Callers decide who may use an area;
 * the assembled file is written through {@link StorageService#write}, like every other change.
 */
@Service
public class UploadStaging {

	/** A staging area as found on disk. */
	public record Area(long ownerId, String name) {
	}

	private final DiskStore disk;

	private final Path root;

	private final Clock clock;

	public UploadStaging(DiskStore disk, HearthProperties properties, Clock clock) {
		this.disk = disk;
		this.root = properties.dataDir().resolve(".hearth").resolve("uploads");
		this.clock = clock;
		disk.createDirectories(root);
	}

	/** Creates an empty area; ALREADY_EXISTS when there is one of that name. */
	public void create(long ownerId, String area) {
		Path dir = areaDir(ownerId, area);
		if (disk.exists(dir)) {
			throw new StorageException(Reason.ALREADY_EXISTS, "upload " + area + " exists");
		}
		disk.createDirectories(dir.getParent());
		disk.createDirectory(dir, now());
	}

	/** Stores a part, replacing one of the same name; more than {@code maxBytes} is refused. */
	public StagedChunk put(long ownerId, String area, String chunk, InputStream body, long maxBytes) {
		Path dir = requireArea(ownerId, area);
		Path target = dir.resolve(StoragePath.checkName(chunk));
		DiskStore.Received received = disk.receive(body, maxBytes);
		try {
			long now = now();
			disk.commit(received, target, now);
			return new StagedChunk(target.getFileName().toString(), received.size(), now);
		}
		finally {
			disk.discard(received);
		}
	}

	/** The parts of an area, in no particular order. */
	public List<StagedChunk> chunks(long ownerId, String area) {
		return disk.list(requireArea(ownerId, area))
			.stream()
			.filter(entry -> !entry.directory())
			.map(entry -> new StagedChunk(entry.name(), entry.size(), entry.mtime()))
			.toList();
	}

	/** The named parts one after the other, read lazily: one file is open at a time, nothing is buffered. */
	public InputStream concatenate(long ownerId, String area, List<String> chunks) {
		Path dir = requireArea(ownerId, area);
		Iterator<String> names = chunks.iterator();
		return new SequenceInputStream(new Enumeration<>() {
			@Override
			public boolean hasMoreElements() {
				return names.hasNext();
			}

			@Override
			public InputStream nextElement() {
				return disk.open(dir.resolve(StoragePath.checkName(names.next())), 0);
			}
		});
	}

	/** Removes an area with its parts; nothing happens when there is none. */
	public void discard(long ownerId, String area) {
		disk.delete(areaDir(ownerId, area));
	}

	/** Every area on disk, to find those whose session was lost. */
	public List<Area> areas() {
		if (!disk.exists(root)) {
			return Collections.emptyList();
		}
		return disk.list(root)
			.stream()
			.filter(owner -> owner.directory() && owner.name().matches("\\d+"))
			.flatMap(owner -> disk.list(root.resolve(owner.name()))
				.stream()
				.map(area -> new Area(Long.parseLong(owner.name()), area.name())))
			.toList();
	}

	private Path requireArea(long ownerId, String area) {
		Path dir = areaDir(ownerId, area);
		if (!disk.exists(dir)) {
			throw new StorageException(Reason.NOT_FOUND, "no upload " + area);
		}
		return dir;
	}

	private Path areaDir(long ownerId, String area) {
		return root.resolve(Long.toString(ownerId)).resolve(StoragePath.checkName(area));
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}
}
