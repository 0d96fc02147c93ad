package org.hearth.storage;

/**
 * What an actor may do with one node, worked out once per operation. Adapters render it (DAV letters, OCS bits).
 *
 * @param received the node is reached through a share someone else made (DAV letter S)
 * @param mountRoot the node is the root of such a share in the caller's tree (DAV letter M); the caller may rename,
 * move or leave it whatever the share allows inside
 */
public record Permissions(boolean read, boolean write, boolean create, boolean delete, boolean move, boolean share,
		boolean received, boolean mountRoot) {

	public static final Permissions ALL = new Permissions(true, true, true, true, true, true, false, false);

	public static final Permissions NONE = new Permissions(false, false, false, false, false, false, false, false);

	/** Nextcloud's share permission bits. */
	public static final int READ = 1, UPDATE = 2, CREATE = 4, DELETE = 8, SHARE = 16, ALL_BITS = 31;

	/**
	 * What a share's bits allow below its root. Moving something out of a share or renaming it inside needs both
	 * update and delete, as in Nextcloud.
	 */
	public static Permissions ofShareBits(int bits) {
		boolean update = (bits & UPDATE) != 0;
		boolean delete = (bits & DELETE) != 0;
		return new Permissions((bits & READ) != 0, update, (bits & CREATE) != 0, delete, update && delete,
				(bits & SHARE) != 0, true, false);
	}

	/** At the root of a received share: the recipient may also rename, move and leave it. */
	public Permissions asMountRoot() {
		return new Permissions(read, write, create, true, true, share, received, true);
	}

	/** Nextcloud's bits for these permissions (what a reshare may grant at most). */
	public int shareBits() {
		return (read ? READ : 0) | (write ? UPDATE : 0) | (create ? CREATE : 0) | (delete ? DELETE : 0)
				| (share ? SHARE : 0);
	}

	public boolean none() {
		return !read && !write && !create && !delete && !move && !share;
	}
}
