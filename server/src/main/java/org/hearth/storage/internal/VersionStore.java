package org.hearth.storage.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hearth.storage.FileVersion;
import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.hearth.storage.VersionsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps replaced contents as versions: a row in {@code file_versions} and a hard link of the content below
 * {@code .hearth/versions/{home}/{versionId}}. A capture commits before the content is replaced, so a crash in
 * between leaves a version that is still the current file (same inode), which {@link #checkAtStart} drops; a
 * crash after the replacement leaves the version and the new content, which the rescan adopts.
 */
@Component
public class VersionStore {

	private static final Logger log = LoggerFactory.getLogger(VersionStore.class);

	private final VersionRepository rows;

	private final HomeRepository homes;

	private final DiskStore disk;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final boolean enabled;

	public VersionStore(VersionRepository rows, HomeRepository homes, DiskStore disk, TransactionTemplate tx,
			Clock clock, VersionsProperties properties) {
		this.rows = rows;
		this.homes = homes;
		this.disk = disk;
		this.tx = tx;
		this.clock = clock;
		this.enabled = properties.enabled();
	}

	/**
	 * Keeps the content of {@code file}, found at {@code content}, as a version, committed on return. Empty files
	 * get none, and nothing does while versions are switched off: returns null then. The caller replaces the content next and {@link #discard}s the version if that
	 * fails.
	 */
	public Long capture(Node file, Path content) {
		if (!enabled || file.size() == 0) {
			return null;
		}
		Path[] linked = new Path[1];
		try {
			return tx.execute(status -> {
				long id = rows.insert(file, clock.instant().getEpochSecond());
				Path version = disk.versionFile(homeName(file.ownerId()), id);
				disk.link(content, version);
				linked[0] = version;
				return id;
			});
		}
		catch (RuntimeException e) {
			if (linked[0] != null) {
				disk.deleteFile(linked[0]);
			}
			throw e;
		}
	}

	/** Drops a version whose replacement did not happen. Null is nothing to drop. */
	public void discard(long ownerId, Long versionId) {
		if (versionId != null) {
			rows.delete(versionId);
			disk.deleteFile(disk.versionFile(homeName(ownerId), versionId));
		}
	}

	/** Removes versions for good: rows first (in the caller's transaction, if any), then the files. */
	public void remove(long ownerId, List<FileVersion> versions) {
		rows.deleteAll(versions.stream().map(FileVersion::id).toList());
		String home = homeName(ownerId);
		for (FileVersion version : versions) {
			disk.deleteFile(disk.versionFile(home, version.id()));
		}
	}

	/** Removes every version of the given files, rows and bytes: for files that are gone for good. */
	public void purge(long ownerId, Set<Long> nodeIds) {
		remove(ownerId, rows.ofOwner(ownerId).stream().filter(v -> nodeIds.contains(v.nodeId())).toList());
	}

	/** The ids of an owner's files that have versions, deleted files included. */
	public Set<Long> filesWithVersions(long ownerId) {
		return rows.nodesWithVersions(ownerId);
	}

	/** Gives one file's versions to another, in the caller's transaction. */
	public void reattach(long fromNodeId, long toNodeId) {
		rows.reattach(fromNodeId, toNodeId);
	}

	public Path content(FileVersion version) {
		return disk.versionFile(homeName(version.ownerId()), version.id());
	}

	/**
	 * The start-up check, while no request runs: removes version files without a row (a crash between link and
	 * commit), rows without a file, and versions that are still their file's current content (a crash before the
	 * content was replaced). Folders of unknown homes are left alone.
	 */
	public int checkAtStart(java.util.function.BiFunction<Long, StoragePath, Path> currentFile) {
		int removed = 0;
		for (var home : homes.all()) {
			String name = home.name();
			List<FileVersion> known = rows.ofOwner(home.ownerId());
			Set<String> rowNames = new HashSet<>();
			Map<Long, StoragePath> paths = rows.currentPaths(home.ownerId());
			for (FileVersion version : known) {
				Path file = disk.versionFile(name, version.id());
				StoragePath current = paths.get(version.id());
				if (!disk.exists(file)) {
					log.warn("version {} of file {} has no content on disk; removing its row", version.id(),
							version.nodeId());
					rows.delete(version.id());
					removed++;
				}
				else if (current != null && disk.sameFile(file, currentFile.apply(home.ownerId(), current))) {
					log.info("version {} of file {} was never replaced (interrupted write); removing it",
							version.id(), version.nodeId());
					discard(home.ownerId(), version.id());
					removed++;
				}
				else {
					rowNames.add(Long.toString(version.id()));
				}
			}
			for (String fileName : disk.fileNames(disk.versionsDir(name))) {
				if (!rowNames.contains(fileName)) {
					log.info("removing version file {} of {} without a row (interrupted capture)", fileName, name);
					disk.deleteFile(disk.versionsDir(name).resolve(fileName));
					removed++;
				}
			}
		}
		return removed;
	}

	private String homeName(long ownerId) {
		return homes.settings(ownerId).orElseThrow().name();
	}
}
