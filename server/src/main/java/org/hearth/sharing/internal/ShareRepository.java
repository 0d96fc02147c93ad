package org.hearth.sharing.internal;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import org.hearth.sharing.Share;
import org.hearth.sharing.ShareType;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code shares} table. */
@Repository
public class ShareRepository {

	private static final String COLUMNS = "id, share_type, owner_id, initiator_id, node_id, shared_with_user,"
			+ " shared_with_group, parent_id, permissions, token, password_hash, expires_on, label, note,"
			+ " hide_download, created_at";

	private static final RowMapper<Share> SHARE = (rs, i) -> {
		Date expires = rs.getDate(12);
		return new Share(rs.getLong(1), ShareType.of(rs.getInt(2)).orElseThrow(), rs.getLong(3), rs.getLong(4),
				rs.getLong(5), rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getObject(8, Long.class),
				rs.getInt(9), rs.getString(10), rs.getString(11), expires == null ? null : expires.toLocalDate(),
				rs.getString(13), rs.getString(14), rs.getBoolean(15), rs.getLong(16));
	};

	private final JdbcClient jdbc;

	public ShareRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(Share s) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO shares (share_type, owner_id, initiator_id, node_id, shared_with_user, shared_with_group,"
				+ " parent_id, permissions, token, password_hash, expires_on, label, note, hide_download, created_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(s.type().code(), s.ownerId(), s.initiatorId(), s.nodeId(), s.sharedWithUser(),
					s.sharedWithGroup(), s.parentId(), s.permissions(), s.token(), s.passwordHash(),
					s.expiresOn() == null ? null : Date.valueOf(s.expiresOn()), s.label(), s.note(), s.hideDownload(),
					s.createdAt())
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	public void update(Share s) {
		jdbc.sql("UPDATE shares SET permissions = ?, password_hash = ?, expires_on = ?, label = ?, note = ?,"
				+ " hide_download = ? WHERE id = ?")
			.params(s.permissions(), s.passwordHash(), s.expiresOn() == null ? null : Date.valueOf(s.expiresOn()),
					s.label(), s.note(), s.hideDownload(), s.id())
			.update();
	}

	public Optional<Share> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE id = ?").param(id).query(SHARE).optional();
	}

	public Optional<Share> findByToken(String token) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE token = ?").param(token).query(SHARE).optional();
	}

	/** Shares the user made (as owner or resharer). */
	public List<Share> byInitiator(long userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE initiator_id = ? ORDER BY id")
			.param(userId)
			.query(SHARE)
			.list();
	}

	/** Every share of nodes the user owns, whoever made it. */
	public List<Share> byOwner(long userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE owner_id = ? ORDER BY id")
			.param(userId)
			.query(SHARE)
			.list();
	}

	public List<Share> ofNodes(List<Long> nodeIds) {
		if (nodeIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE node_id IN (:ids) ORDER BY id")
			.param("ids", nodeIds)
			.query(SHARE)
			.list();
	}

	/** User and group shares that reach the user now (groups joined live), except their own. */
	public List<Share> receivedBy(long userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE owner_id <> :user AND (shared_with_user = :user"
				+ " OR shared_with_group IN (SELECT group_id FROM group_members WHERE user_id = :user)) ORDER BY id")
			.param("user", userId)
			.query(SHARE)
			.list();
	}

	public List<Share> groupShares(long groupId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE shared_with_group = ?")
			.param(groupId)
			.query(SHARE)
			.list();
	}

	public List<Share> reshares(long parentId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM shares WHERE parent_id = ?").param(parentId).query(SHARE).list();
	}

	/** Removes a share; its reshares go with it (foreign key cascade). */
	public void delete(long id) {
		jdbc.sql("DELETE FROM shares WHERE id = ?").param(id).update();
	}

	/** The mount path of a share in one recipient's tree, if they have one and have not left it. */
	public Optional<String> mountPath(long shareId, long userId) {
		return jdbc.sql("SELECT mount_path FROM share_mounts WHERE share_id = ? AND user_id = ? AND hidden = FALSE")
			.params(shareId, userId)
			.query(String.class)
			.optional();
	}
}
