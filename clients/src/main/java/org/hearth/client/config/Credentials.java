package org.hearth.client.config;

import java.net.URI;
import java.util.Objects;

/**
 * What {@code hearth login} stores: never the real password, only the app password the server issued for this client.
 *
 * @param server canonical server base URL (no trailing slash)
 * @param login the name typed at login (for Basic auth)
 * @param userId the id the server uses in DAV paths ({@code /remote.php/dav/files/{userId}/})
 * @param appPassword the app password (token) from {@code /ocs/v2.php/core/getapppassword}
 */
public record Credentials(URI server, String login, String userId, String appPassword) {

	public Credentials {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(login, "login");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(appPassword, "appPassword");
	}

	@Override
	public String toString() {
		return "Credentials[server=" + server + ", login=" + login + ", userId=" + userId + ", appPassword=***]";
	}
}
