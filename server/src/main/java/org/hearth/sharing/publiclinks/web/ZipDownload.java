package org.hearth.sharing.publiclinks.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletResponse;

import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.StorageService;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * A folder, or a selection in it, as a zip written straight into the response: entries are read one at a time
 * from storage as the visitor and deflated on the way, so nothing is buffered however large the folder. The length
 * is unknown beforehand, so the answer is chunked; a failure midway cuts the download short rather than ending it
 * with a valid but incomplete zip.
 */
@Component
class ZipDownload {

	private final StorageService storage;

	ZipDownload(StorageService storage) {
		this.storage = storage;
	}

	void send(Actor visitor, Node folder, List<String> selection, String zipName, HttpServletResponse response)
			throws IOException {
		List<Node> children = storage.list(visitor, folder);
		if (!selection.isEmpty()) {
			Set<String> wanted = new HashSet<>(selection);
			children = children.stream().filter(child -> wanted.contains(child.name())).toList();
			if (children.size() != wanted.size()) {
				throw new StorageException(StorageException.Reason.NOT_FOUND, "a chosen file does not exist");
			}
		}
		response.setStatus(200);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, PublicLinkController.attachment(zipName));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// not closed on failure: closing would write the central directory and make a cut-off zip look complete
		ZipOutputStream zip = new ZipOutputStream(response.getOutputStream());
		zip.setLevel(Deflater.BEST_SPEED);
		for (Node child : children) {
			add(zip, visitor, child, "");
		}
		zip.finish();
	}

	private void add(ZipOutputStream zip, Actor visitor, Node node, String prefix) throws IOException {
		String name = prefix + node.name();
		if (node.directory()) {
			ZipEntry entry = new ZipEntry(name + "/");
			entry.setTime(node.mtime() * 1000);
			zip.putNextEntry(entry);
			zip.closeEntry();
			for (Node child : storage.list(visitor, node)) {
				add(zip, visitor, child, name + "/");
			}
			return;
		}
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(node.mtime() * 1000);
		zip.putNextEntry(entry);
		try (InputStream content = storage.open(visitor, node, 0)) {
			content.transferTo(zip);
		}
		zip.closeEntry();
	}
}
