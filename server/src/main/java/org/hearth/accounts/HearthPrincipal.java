package org.hearth.accounts;

import java.io.Serializable;

import org.hearth.storage.Actor;

/**
 * The signed-in account, as kept in the security context.
 *
 * @param viaSession signed in through the web login (cookie); such requests may only read over DAV, since a
 * cookie travels with cross-site requests and a Basic header does not
 */
public record HearthPrincipal(long userId, String username, String displayName, boolean admin, boolean appPassword,
		boolean viaSession) implements Serializable {

	public Actor actor() {
		return new Actor(userId, username, appPassword ? Actor.Kind.APP_PASSWORD : Actor.Kind.USER);
	}

	public HearthPrincipal inSession() {
		return new HearthPrincipal(userId, username, displayName, admin, appPassword, true);
	}
}
