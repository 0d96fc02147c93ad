package org.hearth.admin;

/**
 * What an admin can run in the background: a rescan of every home against the disk (progress in files and folders),
 * and version or trash expiry (progress in users).
 */
public enum AdminJobKind {
	RESCAN, VERSION_EXPIRY, TRASH_EXPIRY
}
