package org.hearth.storage;

/**
 * Who is asking. Every storage operation takes one; adapters only differ in how they find it.
 *
 * @param userId the account id, or 0 for the system
 * @param username the account's name, or "system"
 * @param kind how the actor authenticated
 * @param device the client the request came from ({@code app-password:<id>}, or the client's own name when it signed
 * in with the account password); null for the system and unknown clients
 */
public record Actor(long userId, String username, Kind kind, String device) {

	public Actor(long userId, String username, Kind kind) {
		this(userId, username, kind, null);
	}

	public enum Kind {
		/** signed in with the account password (web session or Basic). */
		USER,
		/** signed in with an app password (sync clients, mounts, CLI). */
		APP_PASSWORD,
		/** background work: reconciler, jobs. */
		SYSTEM
	}

	private static final Actor SYSTEM_ACTOR = new Actor(0, "system", Kind.SYSTEM);

	public static Actor system() {
		return SYSTEM_ACTOR;
	}

	public boolean isSystem() {
		return kind == Kind.SYSTEM;
	}
}
