package org.hearth.storage.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.hearth.storage.FileVersion;
import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Rows of {@code file_versions}; the bytes are {@link DiskStore}'s. */
@Repository
public class VersionRepository {

	private static final String COLUMNS = "id, node_id, owner_id, version_time, size, mtime, checksum, mime_type, label, author_id, captured_at";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	public VersionRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * Records the current content of {@code file} as a version named by its mtime, or the next free second after it;
	 * the author is whoever wrote that content. Returns the new row's id.
	 */
	public long insert(Node file, long capturedAt) {
		long versionTime = freeVersionTime(file.id(), file.mtime());
		var keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO file_versions (node_id, owner_id, version_time, size, mtime, checksum, mime_type, author_id, captured_at)"
				+ " SELECT id, owner_id, ?, size, mtime, checksum, mime_type, content_author, ? FROM nodes WHERE id = ?")
			.params(versionTime, capturedAt, file.id())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/** The first second at or after {@code wanted} that no version of the node is named by. */
	private long freeVersionTime(long nodeId, long wanted) {
		List<Long> taken = jdbc
			.sql("SELECT version_time FROM file_versions WHERE node_id = ? AND version_time >= ? ORDER BY version_time")
			.params(nodeId, wanted)
			.query(Long.class)
			.list();
		long candidate = wanted;
		for (long time : taken) {
			if (time != candidate) {
				break;
			}
			candidate++;
		}
		return candidate;
	}

	public Optional<FileVersion> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM file_versions WHERE id = ?").param(id).query(this::map).optional();
	}

	/** The versions of one file, newest first. */
	public List<FileVersion> ofNode(long nodeId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM file_versions WHERE node_id = ? ORDER BY version_time DESC")
			.param(nodeId)
			.query(this::map)
			.list();
	}

	/** All versions of one owner, oldest capture first. */
	public List<FileVersion> ofOwner(long ownerId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM file_versions WHERE owner_id = ? ORDER BY captured_at, id")
			.param(ownerId)
			.query(this::map)
			.list();
	}

	/** The ids of an owner's files that have versions. */
	public java.util.Set<Long> nodesWithVersions(long ownerId) {
		return new java.util.HashSet<>(jdbc.sql("SELECT DISTINCT node_id FROM file_versions WHERE owner_id = ?")
			.param(ownerId)
			.query(Long.class)
			.list());
	}

	/** For each version of an owner whose file still exists, the file's current path; one query. */
	public java.util.Map<Long, StoragePath> currentPaths(long ownerId) {
		java.util.Map<Long, StoragePath> paths = new java.util.HashMap<>();
		jdbc.sql("SELECT v.id, n.path FROM file_versions v JOIN nodes n ON n.id = v.node_id WHERE v.owner_id = ?")
			.param(ownerId)
			.query(rs -> {
				paths.put(rs.getLong(1), StoragePath.parse(rs.getString(2)));
			});
		return paths;
	}

	public void setLabel(long id, String label) {
		jdbc.sql("UPDATE file_versions SET label = ? WHERE id = ?").params(label, id).update();
	}

	public void delete(long id) {
		jdbc.sql("DELETE FROM file_versions WHERE id = ?").param(id).update();
	}

	public void deleteAll(Collection<Long> ids) {
		template.batchUpdate("DELETE FROM file_versions WHERE id = ?",
				ids.stream().map(id -> new Object[] { id }).toList());
	}

	/**
	 * Gives the versions of {@code fromNodeId} to {@code toNodeId}, renaming those whose version time the target
	 * already uses to the next free second.
	 */
	public void reattach(long fromNodeId, long toNodeId) {
		List<FileVersion> moving = ofNode(fromNodeId);
		if (moving.isEmpty()) {
			return;
		}
		java.util.Set<Long> taken = new java.util.HashSet<>(
				ofNode(toNodeId).stream().map(FileVersion::versionTime).toList());
		List<Object[]> batch = new ArrayList<>();
		for (FileVersion version : moving.reversed()) {
			long time = version.versionTime();
			while (taken.contains(time)) {
				time++;
			}
			taken.add(time);
			batch.add(new Object[] { toNodeId, time, version.id() });
		}
		template.batchUpdate("UPDATE file_versions SET node_id = ?, version_time = ? WHERE id = ?", batch);
	}

	private FileVersion map(ResultSet rs, int row) throws SQLException {
		long author = rs.getLong("author_id");
		Long authorId = rs.wasNull() ? null : author;
		return new FileVersion(rs.getLong("id"), rs.getLong("node_id"), rs.getLong("owner_id"),
				rs.getLong("version_time"), rs.getLong("size"), rs.getLong("mtime"), rs.getString("checksum"),
				rs.getString("mime_type"), rs.getString("label"), authorId, rs.getLong("captured_at"), null);
	}
}
