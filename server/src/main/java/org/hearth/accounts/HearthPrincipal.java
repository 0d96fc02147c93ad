package org.hearth.accounts;

import java.io.Serializable;

import org.hearth.storage.Actor;

/**
 * The signed-in account, as kept in the security context.
 *
 * @param appPasswordId the app password the request authenticated with, null for the account password; it lets a
 * cached login note the device's use without a query
 * @param viaSession signed in through the web login (cookie); such requests may only read over DAV, since a
 * cookie travels with cross-site requests and a Basic header does not
 */
public record HearthPrincipal(long userId, String username, String displayName, boolean admin, Long appPasswordId,
		boolean viaSession) implements Serializable {

	/** How an app password names the device in {@link Actor#device()}. */
	public static final String DEVICE_PREFIX = "app-password:";

	public boolean appPassword() {
		return appPasswordId != null;
	}

	public Actor actor() {
		return actor(null);
	}

	/**
	 * The actor, naming its device: the app password when there is one (stable across client updates), otherwise the
	 * client's User-Agent (a generic WebDAV app signed in with the account password).
	 */
	public Actor actor(String userAgent) {
		String device = appPassword() ? DEVICE_PREFIX + appPasswordId
				: userAgent == null || userAgent.isBlank() ? null : userAgent.substring(0, Math.min(200, userAgent.length()));
		return new Actor(userId, username, appPassword() ? Actor.Kind.APP_PASSWORD : Actor.Kind.USER, device);
	}

	public HearthPrincipal inSession() {
		return new HearthPrincipal(userId, username, displayName, admin, appPasswordId, true);
	}
}
