package org.hearth.sharing;

/**
 * What the OCS API (or the web app) asks to share. Null fields take the defaults: permissions 31 for users and
 * groups (capped to what the sharer holds), read-only for links unless {@code publicUpload}.
 *
 * @param path the node, in the sharer's namespace
 * @param shareWith a username or group name; null for links
 * @param expireDate {@code YYYY-MM-DD} or null
 */
public record NewShare(String path, ShareType type, String shareWith, Integer permissions, String password,
		Boolean publicUpload, String expireDate, String note, String label) {
}
