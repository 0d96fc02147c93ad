package org.hearth.storage;

/**
 * Who is asking. Every storage operation takes one; adapters only differ in how they find it.
 *
 * @param userId the account id, or 0 for the system
 * @param username the account's name, or "system"
 * @param kind how the actor authenticated
 * @param device the client the request came from ({@code app-password:<id>}, or the client's own name when it signed
 * in with the account password); null for the system and unknown clients
 * @param link for a visitor of a public link: the link and whether its password was given; null otherwise
 */
public record Actor(long userId, String username, Kind kind, String device, LinkVisit link) {

	public Actor(long userId, String username, Kind kind, String device) {
		this(userId, username, kind, device, null);
	}

	public Actor(long userId, String username, Kind kind) {
		this(userId, username, kind, null, null);
	}

	/**
	 * A visitor of a public link. {@code passwordGiven} is set only by the code that checked the password; storage
	 * refuses everything on a password-protected link to a visitor without it.
	 */
	public record LinkVisit(long shareId, boolean passwordGiven) {
	}

	/** A visitor of the public link {@code shareId}; userId 0, since a visitor is nobody's account. */
	public static Actor linkVisitor(long shareId, boolean passwordGiven) {
		return new Actor(0, "link-" + shareId, Kind.LINK, null, new LinkVisit(shareId, passwordGiven));
	}

	public enum Kind {
		/** signed in with the account password (web session or Basic). */
		USER,
		/** signed in with an app password (sync clients, mounts, CLI). */
		APP_PASSWORD,
		/** background work: reconciler, jobs. */
		SYSTEM,
		/** an anonymous visitor of a public link; reaches only what the link shares. */
		LINK
	}

	private static final Actor SYSTEM_ACTOR = new Actor(0, "system", Kind.SYSTEM);

	public static Actor system() {
		return SYSTEM_ACTOR;
	}

	public boolean isSystem() {
		return kind == Kind.SYSTEM;
	}
}
