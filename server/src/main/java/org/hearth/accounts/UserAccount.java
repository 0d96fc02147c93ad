package org.hearth.accounts;

import org.hearth.platform.MayBeNull;

/** An account as other features see it. quotaBytes is -1 for unlimited. */
public record UserAccount(long id, String username, String displayName, @MayBeNull String email, boolean enabled,
		boolean admin, long quotaBytes, long usedBytes) {
}
