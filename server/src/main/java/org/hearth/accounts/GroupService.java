package org.hearth.accounts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hearth.accounts.AccountException.Reason;
import org.hearth.accounts.internal.GroupRepository;
import org.hearth.storage.Namespace;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups of users. Shares to a group reach its members as they are now: every change forgets the members' cached
 * mounts at once, and a {@link GroupMembershipChanged} lets sharing mount the group's shares for a new member.
 */
@Service
public class GroupService {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}");

	private final GroupRepository groups;

	private final UserService users;

	private final Namespace namespace;

	private final ApplicationEventPublisher events;

	public GroupService(GroupRepository groups, UserService users, Namespace namespace,
			ApplicationEventPublisher events) {
		this.groups = groups;
		this.users = users;
		this.namespace = namespace;
		this.events = events;
	}

	@Transactional
	public Group create(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new AccountException(Reason.INVALID,
					"group names are 1-64 letters, digits, spaces, '.', '_', '@' or '-', starting with a letter or digit");
		}
		if (groups.find(name).isPresent()) {
			throw new AccountException(Reason.EXISTS, "group " + name + " exists");
		}
		return new Group(groups.insert(name), name);
	}

	@Transactional
	public void delete(String name) {
		Group group = get(name);
		List<Long> members = groups.members(group.id());
		groups.delete(group.id());
		members.forEach(namespace::invalidate);
	}

	public List<Group> list() {
		return groups.all();
	}

	public Optional<Group> find(String name) {
		return groups.find(name);
	}

	public Optional<Group> findById(long id) {
		return groups.findById(id);
	}

	public Group get(String name) {
		return find(name).orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "no group " + name));
	}

	public List<Group> groupsOf(long userId) {
		return groups.ofUser(userId);
	}

	/** Usernames of the members of the group called {@code name}, sorted. */
	public List<String> memberNames(String name) {
		return groups.memberNames(get(name).id());
	}

	public List<Long> memberIds(long groupId) {
		return groups.members(groupId);
	}

	@Transactional
	public void addMember(String groupName, String username) {
		Group group = get(groupName);
		long userId = users.get(username).id();
		if (groups.addMember(group.id(), userId)) {
			namespace.invalidate(userId);
			events.publishEvent(new GroupMembershipChanged(group.id(), userId, true));
		}
	}

	@Transactional
	public void removeMember(String groupName, String username) {
		Group group = get(groupName);
		long userId = users.get(username).id();
		if (groups.removeMember(group.id(), userId)) {
			namespace.invalidate(userId);
			events.publishEvent(new GroupMembershipChanged(group.id(), userId, false));
		}
	}
}
