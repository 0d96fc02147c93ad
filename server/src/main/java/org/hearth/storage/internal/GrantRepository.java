package org.hearth.storage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hearth.storage.Sharee;
import org.hearth.storage.StoragePath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What storage reads of the shares tables to resolve namespaces: the mounts a user has received, public links, and
 * which owners have shares at all. The sharing feature writes shares; storage writes only mount rows, because a
 * recipient's MOVE or DELETE of a mount root arrives here.
 */
@Repository
public class GrantRepository {

	/**
	 * A share as it appears in one recipient's tree.
	 *
	 * @param bits the share's permission bits, already capped by the share it was reshared through
	 * @param lastDay the last day it works (the earlier of its own and that of the share it was reshared through),
	 * or null
	 */
	public record MountRow(long shareId, long ownerId, long nodeId, int bits, StoragePath mountPath,
			LocalDate lastDay) {
	}

	/**
	 * A public link as the evaluator needs it.
	 *
	 * @param expiresOn its last day (the earlier of its own and that of the share it was made through), or null
	 */
	public record LinkRow(long shareId, long ownerId, long nodeId, int bits, boolean hasPassword, LocalDate expiresOn,
			long createdAt) {
	}

	/** One recipient's mount of a share of an owner, with the shared node's current path in the owner's home. */
	public record RecipientMount(long userId, StoragePath mountPath, StoragePath sharedPath) {
	}

	private final JdbcClient jdbc;

	public GrantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The visible mounts of a user: user shares to them and group shares to a group they belong to now (membership
	 * is joined live, so a removed member loses the mount with the next cache load).
	 */
	public List<MountRow> mountsOf(long userId) {
		return jdbc.sql("SELECT s.id, s.owner_id, s.node_id, s.permissions, p.permissions, m.mount_path,"
				+ " s.expires_on, p.expires_on FROM share_mounts m JOIN shares s ON s.id = m.share_id LEFT JOIN shares p ON p.id = s.parent_id"
				+ " WHERE m.user_id = ? AND m.hidden = FALSE AND s.owner_id <> ? AND s.share_type IN (0, 1)"
				+ " AND (s.shared_with_user = ? OR s.shared_with_group IN"
				+ " (SELECT g.group_id FROM group_members g WHERE g.user_id = ?))")
			.params(userId, userId, userId, userId)
			.query((rs, i) -> {
				int bits = rs.getInt(4);
				int parentBits = rs.getInt(5);
				if (!rs.wasNull()) {
					bits &= parentBits;
				}
				return new MountRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), bits,
						StoragePath.parse(rs.getString(6)), earlier(rs.getDate(7), rs.getDate(8)));
			})
			.list();
	}

	public Optional<LinkRow> link(long shareId) {
		return jdbc.sql("SELECT s.id, s.owner_id, s.node_id, s.permissions, p.permissions, s.password_hash,"
				+ " s.expires_on, s.created_at, p.expires_on FROM shares s LEFT JOIN shares p ON p.id = s.parent_id"
				+ " WHERE s.id = ? AND s.share_type = 3")
			.param(shareId)
			.query((rs, i) -> {
				int bits = rs.getInt(4);
				int parentBits = rs.getInt(5);
				if (!rs.wasNull()) {
					bits &= parentBits;
				}
				return new LinkRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), bits, rs.getString(6) != null,
						earlier(rs.getDate(7), rs.getDate(9)), rs.getLong(8));
			})
			.optional();
	}

	/** The earlier of two last days, either of which may be absent (null). */
	private static LocalDate earlier(java.sql.Date own, java.sql.Date parent) {
		if (own == null) {
			return parent == null ? null : parent.toLocalDate();
		}
		return parent == null || own.before(parent) ? own.toLocalDate() : parent.toLocalDate();
	}

	public Set<Long> ownersWithShares() {
		return Set.copyOf(jdbc.sql("SELECT DISTINCT owner_id FROM shares").query(Long.class).list());
	}

	/** The mounts of every share of {@code ownerId}, with the shared node's path; one query. */
	public List<RecipientMount> recipientMounts(long ownerId) {
		return jdbc.sql("SELECT m.user_id, m.mount_path, n.path FROM share_mounts m JOIN shares s ON s.id = m.share_id"
				+ " JOIN nodes n ON n.id = s.node_id WHERE s.owner_id = ? AND m.hidden = FALSE")
			.param(ownerId)
			.query((rs, i) -> new RecipientMount(rs.getLong(1), StoragePath.parse(rs.getString(2)),
					StoragePath.parse(rs.getString(3))))
			.list();
	}

	/**
	 * The shares on each of these nodes (owner side) and whom they go to, keyed by node id, in the order they were
	 * made; one query.
	 */
	public java.util.Map<Long, List<Sharee>> sharees(long ownerId, List<Long> nodeIds) {
		if (nodeIds.isEmpty()) {
			return java.util.Map.of();
		}
		java.util.Map<Long, List<Sharee>> sharees = new java.util.HashMap<>();
		jdbc.sql("SELECT s.node_id, s.share_type, u.username, u.display_name, g.name FROM shares s"
				+ " LEFT JOIN users u ON u.id = s.shared_with_user LEFT JOIN user_groups g ON g.id = s.shared_with_group"
				+ " WHERE s.owner_id = :owner AND s.node_id IN (:ids) ORDER BY s.id")
			.param("owner", ownerId)
			.param("ids", nodeIds)
			.query((java.sql.ResultSet rs) -> {
				String user = rs.getString(3);
				String group = rs.getString(5);
				Sharee sharee = user != null ? new Sharee(rs.getInt(2), user, rs.getString(4))
						: new Sharee(rs.getInt(2), group == null ? "" : group, group == null ? "" : group);
				sharees.computeIfAbsent(rs.getLong(1), id -> new java.util.ArrayList<>()).add(sharee);
			});
		return sharees;
	}

	/** Where the given shares are mounted: user id and mount path of each visible mount row. */
	public List<RecipientMount> mountsOfShares(List<Long> shareIds) {
		if (shareIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT m.user_id, m.mount_path, n.path FROM share_mounts m JOIN shares s ON s.id = m.share_id"
				+ " JOIN nodes n ON n.id = s.node_id WHERE m.share_id IN (:ids) AND m.hidden = FALSE")
			.param("ids", shareIds)
			.query((rs, i) -> new RecipientMount(rs.getLong(1), StoragePath.parse(rs.getString(2)),
					StoragePath.parse(rs.getString(3))))
			.list();
	}

	public void insertMount(long shareId, long userId, StoragePath mountPath) {
		jdbc.sql("INSERT INTO share_mounts (share_id, user_id, mount_path, hidden) VALUES (?, ?, ?, FALSE)")
			.params(shareId, userId, mountPath.toString())
			.update();
	}

	public boolean hasMountRow(long shareId, long userId) {
		return jdbc.sql("SELECT COUNT(*) FROM share_mounts WHERE share_id = ? AND user_id = ?")
			.params(shareId, userId)
			.query(Integer.class)
			.single() > 0;
	}

	public void moveMount(long shareId, long userId, StoragePath mountPath) {
		jdbc.sql("UPDATE share_mounts SET mount_path = ? WHERE share_id = ? AND user_id = ?")
			.params(mountPath.toString(), shareId, userId)
			.update();
	}

	public void hideMount(long shareId, long userId) {
		jdbc.sql("UPDATE share_mounts SET hidden = TRUE WHERE share_id = ? AND user_id = ?")
			.params(shareId, userId)
			.update();
	}
}
