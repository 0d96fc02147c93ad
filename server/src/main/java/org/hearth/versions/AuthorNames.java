package org.hearth.versions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.storage.FileVersion;
import org.springframework.stereotype.Component;

/** The user names of versions' authors: one lookup per distinct author of a listing, usually one. */
@Component
public class AuthorNames {

	private final UserService users;

	AuthorNames(UserService users) {
		this.users = users;
	}

	/** Author id to user name; authors that no longer exist are left out. */
	public Map<Long, String> of(List<FileVersion> versions) {
		Map<Long, String> names = new HashMap<>();
		versions.stream()
			.map(FileVersion::authorId)
			.filter(Objects::nonNull)
			.distinct()
			.forEach(id -> users.findById(id).map(UserAccount::username).ifPresent(name -> names.put(id, name)));
		return names;
	}
}
