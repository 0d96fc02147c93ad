package org.hearth.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Files and folders as a zip written straight into the response, for the web app's selections and public links:
 * entries are read one at a time from storage as the actor and deflated on the way, so nothing is buffered however
 * large the folder. Entry names are UTF-8 (flagged as such in the zip). The length is unknown beforehand, so the
 * answer is chunked; a failure midway cuts the download short rather than ending it with a valid but incomplete zip.
 */
@Component
public class ZipDownload {

	private final StorageService storage;

	ZipDownload(StorageService storage) {
		this.storage = storage;
	}

	/** The children of {@code folder} named in {@code names}, or all of them when none are named. */
	public List<Node> chosen(Actor actor, Node folder, List<String> names) {
		List<Node> children = storage.list(actor, folder);
		if (names.isEmpty()) {
			return children;
		}
		Set<String> wanted = new HashSet<>(names);
		children = children.stream().filter(child -> wanted.contains(child.name())).toList();
		if (children.size() != wanted.size()) {
			throw new StorageException(StorageException.Reason.NOT_FOUND, "a chosen file does not exist");
		}
		return children;
	}

	/** Sends {@code nodes}, folders with everything in them, as entries at the top of the zip. */
	public void send(Actor actor, List<Node> nodes, String zipName, HttpServletResponse response) throws IOException {
		Set<String> names = new HashSet<>();
		for (Node node : nodes) {
			if (!names.add(node.name())) {
				throw new StorageException(StorageException.Reason.BAD_CONTENT,
						"two chosen files have the same name: " + node.name());
			}
		}
		response.setStatus(200);
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(zipName));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// not closed on failure: closing would write the central directory and make a cut-off zip look complete
		ZipOutputStream zip = new ZipOutputStream(response.getOutputStream(), StandardCharsets.UTF_8);
		zip.setLevel(Deflater.BEST_SPEED);
		for (Node node : nodes) {
			add(zip, actor, node, "");
		}
		zip.finish();
	}

	/** A {@code Content-Disposition} that offers {@code name} (any characters) as the file name to save. */
	public static String attachment(String name) {
		return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
	}

	private void add(ZipOutputStream zip, Actor actor, Node node, String prefix) throws IOException {
		String name = prefix + node.name();
		if (node.directory()) {
			ZipEntry entry = new ZipEntry(name + "/");
			entry.setTime(node.mtime() * 1000);
			zip.putNextEntry(entry);
			zip.closeEntry();
			for (Node child : storage.list(actor, node)) {
				add(zip, actor, child, name + "/");
			}
			return;
		}
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(node.mtime() * 1000);
		zip.putNextEntry(entry);
		try (InputStream content = storage.open(actor, node, 0)) {
			content.transferTo(zip);
		}
		zip.closeEntry();
	}
}
