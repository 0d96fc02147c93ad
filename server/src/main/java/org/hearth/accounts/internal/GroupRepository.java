package org.hearth.accounts.internal;

import java.util.List;
import java.util.Optional;

import org.hearth.accounts.Group;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Groups and their members, in plain SQL. */
@Repository
public class GroupRepository {

	private static final RowMapper<Group> GROUP = (rs, i) -> new Group(rs.getLong(1), rs.getString(2));

	private final JdbcClient jdbc;

	public GroupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(String name) {
		var keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO user_groups (name) VALUES (?)").param(name).update(keys, "id");
		return keys.getKey().longValue();
	}

	public Optional<Group> find(String name) {
		return jdbc.sql("SELECT id, name FROM user_groups WHERE name = ?").param(name).query(GROUP).optional();
	}

	public Optional<Group> findById(long id) {
		return jdbc.sql("SELECT id, name FROM user_groups WHERE id = ?").param(id).query(GROUP).optional();
	}

	public List<Group> all() {
		return jdbc.sql("SELECT id, name FROM user_groups ORDER BY name").query(GROUP).list();
	}

	public List<Group> ofUser(long userId) {
		return jdbc.sql("SELECT g.id, g.name FROM user_groups g JOIN group_members m ON m.group_id = g.id"
				+ " WHERE m.user_id = ? ORDER BY g.name").param(userId).query(GROUP).list();
	}

	/** Usernames of the group's members, sorted. */
	public List<String> memberNames(long groupId) {
		return jdbc.sql("SELECT u.username FROM users u JOIN group_members m ON m.user_id = u.id"
				+ " WHERE m.group_id = ? ORDER BY u.username")
			.param(groupId)
			.query(String.class)
			.list();
	}

	public List<Long> members(long groupId) {
		return jdbc.sql("SELECT user_id FROM group_members WHERE group_id = ?").param(groupId).query(Long.class).list();
	}

	public void delete(long groupId) {
		jdbc.sql("DELETE FROM user_groups WHERE id = ?").param(groupId).update();
	}

	/** Adds a member; false when they were one already. */
	public boolean addMember(long groupId, long userId) {
		if (members(groupId).contains(userId)) {
			return false;
		}
		jdbc.sql("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)").params(groupId, userId).update();
		return true;
	}

	public boolean removeMember(long groupId, long userId) {
		return jdbc.sql("DELETE FROM group_members WHERE group_id = ? AND user_id = ?")
			.params(groupId, userId)
			.update() > 0;
	}
}
