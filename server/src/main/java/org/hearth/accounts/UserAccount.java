package org.hearth.accounts;

/** An account as other features see it. quotaBytes is -1 for unlimited. */
public record UserAccount(long id, String username, String displayName, String email, boolean enabled, boolean admin,
		long quotaBytes, long usedBytes) {
}
