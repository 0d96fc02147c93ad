package org.hearth.storage;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hearth.platform.HearthProperties;
import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.internal.DiskStore;
import org.springframework.stereotype.Service;

/**
 * Where the parts of an upload wait until they are assembled into a file. Each staging area is a folder below
 * {@code .hearth/uploads/{ownerId}/}, out of the users' sight. Callers decide who may use an area; the assembled
 * file is written through {@link StorageService}, like every other change.
 *
 * <p>Clients mostly send the parts one after the other, in order. Such a part is appended to one file of the area,
 * {@value #STREAM}, and then listed with its size in {@value #MANIFEST}, so a part is either whole or absent, and a
 * tail that a crash left beyond the listed parts is cut off. The append does not wait for the disk: the disk writes
 * one part while the client sends the next, and the file is fsynced once, when it is assembled. A power cut can
 * therefore leave {@value #STREAM} shorter than the parts listed; such parts count as absent (the manifest is cut
 * back to what the file holds), so a resuming client sends them again. When the upload ends with exactly the
 * listed parts, that file is the assembled file and goes into the home as a hard link: the bytes are written once,
 * not twice. A part that arrives out of order, or replaces one, is stored as a file of its own (temporary file,
 * fsync, rename), and assembly then reads every part in turn.
 */
@Service
public class UploadStaging {

	/** A staging area as found on disk. */
	public record Area(long ownerId, String name) {
	}

	/** The parts of an upload already in one file, in order; only this class makes one. */
	public static final class StagedFile {

		private final Path file;

		private StagedFile(Path file) {
			this.file = file;
		}

		Path file() {
			return file;
		}
	}

	/** A part inside {@value #STREAM}: {@code size} bytes from {@code offset}. */
	private record StreamedPart(String name, long offset, long size, long mtime) {
	}

	/** The file that parts arriving in order are appended to; part names may not begin with a dot. */
	static final String STREAM = ".stream";

	/** One line per part in {@value #STREAM}: name, size and mtime, tab-separated. */
	static final String MANIFEST = ".parts";

	/** Areas whose {@value #STREAM} is being appended to; a part arriving meanwhile is stored on its own. */
	private final Set<Path> appending = ConcurrentHashMap.newKeySet();

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

	/**
	 * Stores a part, replacing one of the same name; more than {@code maxBytes} is refused. {@code order} is the order
	 * the parts will be assembled in: a part that comes after all others is appended to {@value #STREAM}.
	 */
	public StagedChunk put(long ownerId, String area, String chunk, InputStream body, long maxBytes,
			Comparator<String> order) {
		Path dir = requireArea(ownerId, area);
		String name = checkPartName(chunk);
		if (appending.add(dir)) {
			try {
				List<StreamedPart> streamed = manifest(dir);
				Path stream = dir.resolve(STREAM);
				boolean inOrder = looseParts(dir).isEmpty()
						&& streamed.stream().allMatch(part -> order.compare(part.name(), name) < 0);
				if (inOrder && (!disk.exists(stream) || disk.linkCount(stream) == 1)) {
					long offset = streamed.isEmpty() ? 0 : streamed.getLast().offset() + streamed.getLast().size();
					long size = disk.append(stream, offset, body, maxBytes);
					long now = now();
					disk.appendLine(dir.resolve(MANIFEST), name + "\t" + size + "\t" + now);
					return new StagedChunk(name, size, now);
				}
			}
			finally {
				appending.remove(dir);
			}
		}
		return putLoose(dir, name, body, maxBytes);
	}

	private StagedChunk putLoose(Path dir, String name, InputStream body, long maxBytes) {
		Path target = dir.resolve(name);
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

	/** The parts of an area, in no particular order; a part stored on its own replaces a streamed one. */
	public List<StagedChunk> chunks(long ownerId, String area) {
		Path dir = requireArea(ownerId, area);
		Map<String, StagedChunk> parts = new HashMap<>();
		for (StreamedPart part : manifest(dir)) {
			parts.put(part.name(), new StagedChunk(part.name(), part.size(), part.mtime()));
		}
		for (DiskStore.Entry entry : looseParts(dir)) {
			parts.put(entry.name(), new StagedChunk(entry.name(), entry.size(), entry.mtime()));
		}
		return List.copyOf(parts.values());
	}

	/**
	 * The parts as one file, when they are exactly {@code chunks}, in that order, all appended as they came; empty
	 * otherwise (then {@link #concatenate} reads them). The file stays in the area until the area is discarded.
	 */
	public Optional<StagedFile> inOneFile(long ownerId, String area, List<String> chunks) {
		Path dir = requireArea(ownerId, area);
		List<StreamedPart> streamed = manifest(dir);
		Path stream = dir.resolve(STREAM);
		if (streamed.isEmpty() || !looseParts(dir).isEmpty()
				|| !streamed.stream().map(StreamedPart::name).toList().equals(chunks) || disk.linkCount(stream) != 1) {
			return Optional.empty();
		}
		disk.truncate(stream, streamed.getLast().offset() + streamed.getLast().size());
		return Optional.of(new StagedFile(stream));
	}

	/** The named parts one after the other, read lazily: one part is open at a time, nothing is buffered. */
	public InputStream concatenate(long ownerId, String area, List<String> chunks) {
		Path dir = requireArea(ownerId, area);
		Map<String, StreamedPart> streamed = new HashMap<>();
		manifest(dir).forEach(part -> streamed.put(part.name(), part));
		Iterator<String> names = chunks.iterator();
		return new SequenceInputStream(new Enumeration<>() {
			@Override
			public boolean hasMoreElements() {
				return names.hasNext();
			}

			@Override
			public InputStream nextElement() {
				String name = checkPartName(names.next());
				Path loose = dir.resolve(name);
				StreamedPart part = streamed.get(name);
				if (disk.exists(loose) || part == null) {
					return disk.open(loose, 0);
				}
				return disk.open(dir.resolve(STREAM), part.offset(), part.size());
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

	/**
	 * The parts listed in {@value #MANIFEST} whose bytes {@value #STREAM} holds. Parts a power cut lost from the
	 * file are dropped from the manifest too, so that the next part is listed right after the last one kept.
	 */
	private List<StreamedPart> manifest(Path dir) {
		List<String> lines = disk.readLines(dir.resolve(MANIFEST));
		long held = lines.isEmpty() ? 0 : disk.sizeOf(dir.resolve(STREAM));
		List<StreamedPart> parts = new ArrayList<>();
		long offset = 0;
		for (String line : lines) {
			String[] fields = line.split("\t");
			long size = Long.parseLong(fields[1]);
			if (offset + size > held) {
				disk.replaceLines(dir.resolve(MANIFEST), lines.subList(0, parts.size()));
				break;
			}
			parts.add(new StreamedPart(fields[0], offset, size, Long.parseLong(fields[2])));
			offset += size;
		}
		return parts;
	}

	private List<DiskStore.Entry> looseParts(Path dir) {
		return disk.list(dir).stream().filter(entry -> !entry.directory() && !entry.name().startsWith(".")).toList();
	}

	private static String checkPartName(String chunk) {
		String name = StoragePath.checkName(chunk);
		if (name.startsWith(".")) {
			throw new StorageException(Reason.INVALID_NAME, "part names may not begin with a dot");
		}
		return name;
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
