package org.hearth.sharing.publiclinks;

import java.io.InputStream;

import org.hearth.storage.Actor;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;
import org.springframework.stereotype.Service;

/**
 * Uploads into a file drop (an upload-only link), from public DAV and the drop page alike. A visitor may neither
 * see nor replace what is there, so a taken name is never overwritten: the file is stored as {@code name (2).ext},
 * {@code name (3).ext}, … as Nextcloud does. Storage refuses a taken name before it reads the body, so the body is
 * still unread when the next name is tried.
 */
@Service
public class DropUploads {

	private static final int MAX_ATTEMPTS = 100;

	private final StorageService storage;

	DropUploads(StorageService storage) {
		this.storage = storage;
	}

	public WriteResult store(Actor visitor, PublicLink link, StoragePath path, InputStream body, WriteOptions options) {
		WriteOptions createOnly = options.withCreateOnly();
		for (int attempt = 1;; attempt++) {
			StoragePath candidate = attempt == 1 ? path : path.parent().child(numberedName(path.name(), attempt));
			try {
				return storage.write(visitor, LinkAccess.HOME, candidate, body, createOnly);
			}
			catch (StorageException e) {
				if (e.reason() != StorageException.Reason.PRECONDITION_FAILED || attempt == MAX_ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	/** {@code name (2).ext}; a dotfile has no extension. */
	static String numberedName(String name, int attempt) {
		int dot = name.lastIndexOf('.');
		String suffix = " (" + attempt + ")";
		return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
	}
}
