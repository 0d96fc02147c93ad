package org.hearth.storage;

/**
 * Someone a node was shared with, as Nextcloud's {@code nc:sharees} lists them.
 *
 * @param type Nextcloud's share type number
 * @param id the user or group name; empty for a public link
 * @param displayName the user's display name or the group name; empty for a public link
 */
public record Sharee(int type, String id, String displayName) {
}
