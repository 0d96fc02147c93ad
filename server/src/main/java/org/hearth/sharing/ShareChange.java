package org.hearth.sharing;

/**
 * Changes to a share; null fields stay as they are.
 *
 * @param password a new link password, or {@code ""} to remove it
 * @param expireDate {@code YYYY-MM-DD}, or {@code ""} to remove the expiry
 * @param publicUpload for links to folders: true gives visitors read, upload, edit and delete; false read only
 */
public record ShareChange(Integer permissions, String password, String expireDate, String note, String label,
		Boolean hideDownload, Boolean publicUpload) {
}
