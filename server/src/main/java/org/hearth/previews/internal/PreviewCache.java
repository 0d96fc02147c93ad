package org.hearth.previews.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.commons.io.file.PathUtils;
import org.hearth.platform.HearthProperties;
import org.hearth.previews.Preview;
import org.hearth.previews.PreviewSpec;
import org.hearth.storage.FilesPurged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Made previews on disk, below the data folder's {@code .hearth/previews} (derived data, never in a user's tree).
 * A file's previews sit in a folder named by its id, each named by the file's etag, box and fit: an overwrite
 * changes the etag, so a stale preview is never found; the first preview made for the new content removes the old
 * ones. Files are written to a temporary name and renamed into place, so a reader never sees half a preview.
 */
@Component
public class PreviewCache {

	private static final Logger log = LoggerFactory.getLogger(PreviewCache.class);

	private final Path root;

	PreviewCache(HearthProperties properties) {
		this.root = properties.dataDir().resolve(".hearth").resolve("previews");
	}

	public Optional<Preview> find(long fileId, String etag, PreviewSpec box) {
		for (boolean png : new boolean[] { false, true }) {
			Path file = folderOf(fileId).resolve(name(etag, box, png));
			try {
				long length = Files.size(file);
				return Optional.of(preview(file, length, etag, box, png));
			}
			catch (NoSuchFileException e) {
				// not made yet in this format
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return Optional.empty();
	}

	public Preview store(long fileId, String etag, PreviewSpec box, ThumbnailMaker.Thumbnail thumbnail) {
		Path folder = folderOf(fileId);
		Path file = folder.resolve(name(etag, box, thumbnail.png()));
		try {
			Files.createDirectories(folder);
			Path temp = folder.resolve(".tmp-" + UUID.randomUUID());
			Files.write(temp, thumbnail.bytes());
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
			removeOtherContent(folder, contentKey(etag));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return preview(file, thumbnail.bytes().length, etag, box, thumbnail.png());
	}

	/** Files that left the trash for good never come back: their previews go with them. */
	@EventListener
	void forget(FilesPurged purged) {
		for (long fileId : purged.fileIds()) {
			Path folder = folderOf(fileId);
			try {
				if (Files.isDirectory(folder)) {
					PathUtils.deleteDirectory(folder);
				}
			}
			catch (IOException e) {
				log.warn("cannot remove the previews of purged file {}: {}", fileId, e.toString());
			}
		}
	}

	/** Previews of earlier content of the file; another request's temporary file is left alone. */
	private static void removeOtherContent(Path folder, String current) throws IOException {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!name.startsWith(current + "-") && !name.startsWith(".tmp-")) {
					Files.deleteIfExists(entry);
				}
			}
		}
	}

	private Path folderOf(long fileId) {
		return root.resolve(Long.toString(fileId % 256)).resolve(Long.toString(fileId));
	}

	private static Preview preview(Path file, long length, String etag, PreviewSpec box, boolean png) {
		String key = contentKey(etag) + "-" + boxKey(box);
		return new Preview(png ? "image/png" : "image/jpeg", key, length, () -> {
			try {
				return Files.newInputStream(file);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private static String name(String etag, PreviewSpec box, boolean png) {
		return contentKey(etag) + "-" + boxKey(box) + (png ? ".png" : ".jpg");
	}

	private static String boxKey(PreviewSpec box) {
		return box.width() + "x" + box.height() + "-" + box.fit().name().toLowerCase(Locale.ROOT);
	}

	/** Etags may hold any character; the file name holds a digest of it. */
	private static String contentKey(String etag) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(etag.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
