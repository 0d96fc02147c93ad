package org.hearth.previews;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

import org.hearth.previews.internal.PreviewCache;
import org.hearth.previews.internal.ThumbnailMaker;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.StorageException.Reason;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.stereotype.Service;

/**
 * Previews of the files a caller can read. The file is always looked up through storage as the caller, on a cache
 * hit too, so a preview is shown exactly when the file itself could be read. At most {@link #MAX_CONCURRENT}
 * previews are made at a time; further requests wait, so a burst of a phone's grid view cannot exhaust the heap.
 */
@Service
public class PreviewService {

	/** Two cores on the small servers Hearth runs on; decoding is CPU-bound. */
	static final int MAX_CONCURRENT = 2;

	private static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/bmp",
			"image/x-ms-bmp", "image/webp");

	private final StorageService storage;

	private final PreviewCache cache;

	private final ThumbnailMaker maker;

	private final Semaphore makers = new Semaphore(MAX_CONCURRENT, true);

	PreviewService(StorageService storage, PreviewCache cache, ThumbnailMaker maker) {
		this.storage = storage;
		this.cache = cache;
		this.maker = maker;
	}

	/** Whether files of this type have a preview (Nextcloud's {@code has-preview}); needs no query. */
	public static boolean supports(String mimeType) {
		return mimeType != null && TYPES.contains(mimeType);
	}

	/** The preview of the file with this id, as the caller sees it; NOT_FOUND when they cannot read it. */
	public Preview byId(Actor actor, long fileId, PreviewSpec spec) {
		Node seen = storage.visible(actor, fileId).orElseThrow(() -> noPreview("no such file"));
		// visible() finds what the caller can see; reading it is decided again by path, like any read
		return byPath(actor, actor.userId(), seen.path(), spec);
	}

	/** The preview of the file at a path of the caller's namespace (a link visitor's paths start at the link). */
	public Preview byPath(Actor actor, long homeOwnerId, StoragePath path, PreviewSpec spec) {
		Node node = storage.get(actor, homeOwnerId, path);
		if (node.directory() || !supports(node.mimeType())) {
			throw noPreview("no preview for this type of file");
		}
		PreviewSpec box = spec.bucketed();
		return cache.find(node.id(), node.etag(), box).orElseGet(() -> make(actor, node, box));
	}

	private Preview make(Actor actor, Node node, PreviewSpec box) {
		try {
			makers.acquire();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw noPreview("interrupted");
		}
		try {
			Optional<Preview> madeMeanwhile = cache.find(node.id(), node.etag(), box);
			if (madeMeanwhile.isPresent()) {
				return madeMeanwhile.get();
			}
			ThumbnailMaker.Thumbnail thumbnail;
			try (InputStream content = storage.open(actor, node, 0)) {
				thumbnail = maker.make(content, box);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (ThumbnailMaker.Refused e) {
				throw noPreview(e.getMessage());
			}
			return cache.store(node.id(), node.etag(), box, thumbnail);
		}
		finally {
			makers.release();
		}
	}

	private static StorageException noPreview(String why) {
		return new StorageException(Reason.NOT_FOUND, why);
	}
}
