package org.hearth.sharing;

/**
 * Someone a node can be shared with, as the share dialogs' autocomplete offers them.
 *
 * @param shareWith the username or group name to share with
 * @param label what a person reads: a user's display name, a group's name
 * @param exact whether the search term is the whole name (Nextcloud lists those first)
 */
public record Sharee(ShareType type, String shareWith, String label, boolean exact) {
}
