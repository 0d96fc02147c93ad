package org.hearth.storage;

/**
 * What an actor may do with one node, worked out once per operation. Adapters render it (DAV letters, OCS bits).
 */
public record Permissions(boolean read, boolean write, boolean create, boolean delete, boolean move, boolean share) {

	public static final Permissions ALL = new Permissions(true, true, true, true, true, true);

	public static final Permissions NONE = new Permissions(false, false, false, false, false, false);
}
