package org.hearth.uploads.internal;

import java.util.List;
import java.util.Optional;

import org.hearth.uploads.UploadSession;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One row per chunked upload in progress. */
@Repository
public class UploadSessionRepository {

	private static final String COLUMNS = "owner_id, upload_id, destination, total_length, created_at, touched_at";

	private static final RowMapper<UploadSession> SESSION = (rs, i) -> {
		long total = rs.getLong(4);
		boolean announced = !rs.wasNull();
		return new UploadSession(rs.getLong(1), rs.getString(2), rs.getString(3), announced ? total : -1,
				rs.getLong(5), rs.getLong(6));
	};

	private final JdbcClient jdbc;

	public UploadSessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the session; false when one of that id exists. */
	public boolean insert(UploadSession session) {
		try {
			jdbc.sql("INSERT INTO upload_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
				.params(session.ownerId(), session.uploadId(), session.destination(),
						session.totalLength() < 0 ? null : session.totalLength(), session.createdAt(),
						session.touchedAt())
				.update();
			return true;
		}
		catch (DuplicateKeyException e) {
			return false;
		}
	}

	public Optional<UploadSession> find(long ownerId, String uploadId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM upload_sessions WHERE owner_id = ? AND upload_id = ?")
			.params(ownerId, uploadId)
			.query(SESSION)
			.optional();
	}

	public void touch(long ownerId, String uploadId, long now) {
		jdbc.sql("UPDATE upload_sessions SET touched_at = ? WHERE owner_id = ? AND upload_id = ?")
			.params(now, ownerId, uploadId)
			.update();
	}

	public void delete(long ownerId, String uploadId) {
		jdbc.sql("DELETE FROM upload_sessions WHERE owner_id = ? AND upload_id = ?").params(ownerId, uploadId).update();
	}

	/** Sessions without activity since {@code cutoff} (epoch seconds). */
	public List<UploadSession> idleSince(long cutoff) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM upload_sessions WHERE touched_at < ?")
			.param(cutoff)
			.query(SESSION)
			.list();
	}

	public List<UploadSession> ofOwner(long ownerId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM upload_sessions WHERE owner_id = ?")
			.param(ownerId)
			.query(SESSION)
			.list();
	}

	public List<UploadSession> all() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM upload_sessions").query(SESSION).list();
	}
}
