package org.hearth.versions.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hearth.platform.MayBeNull;
import org.hearth.accounts.CurrentUser;
import org.hearth.storage.Actor;
import org.hearth.storage.FileVersion;
import org.hearth.storage.Node;
import org.hearth.storage.VersionService;
import org.hearth.versions.AuthorNames;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The web app's versions of one file: list, download, restore, label, delete. */
@RestController
class VersionsController {

	record CurrentFile(long fileId, String path, String name, long size, long mtime, String etag, String mimeType) {

		static CurrentFile of(Node node) {
			return new CurrentFile(node.id(), "/" + node.path(), node.name(), node.size(), node.mtime(), node.etag(),
					node.mimeType());
		}
	}

	/** {@code keptUntil} is null when retention keeps the version for good (labelled, or newest without a max age). */
	record Version(long id, long versionTime, long size, long mtime, String mimeType, @MayBeNull String label,
			@MayBeNull String author, Instant capturedAt, @MayBeNull Instant keptUntil) {

		static Version of(FileVersion version, Map<Long, String> authors) {
			return new Version(version.id(), version.versionTime(), version.size(), version.mtime(),
					version.mimeType(), version.label(), authors.get(version.authorId()),
					Instant.ofEpochSecond(version.capturedAt()),
					version.keptUntil() == null ? null : Instant.ofEpochSecond(version.keptUntil()));
		}
	}

	record VersionListing(CurrentFile file, List<Version> versions) {
	}

	record Label(String label) {
	}

	private final VersionService versions;

	private final AuthorNames authors;

	VersionsController(VersionService versions, AuthorNames authors) {
		this.versions = versions;
		this.authors = authors;
	}

	@GetMapping("/api/versions/{fileId}")
	VersionListing list(@PathVariable long fileId) {
		VersionService.Versions listing = versions.list(CurrentUser.actor(), fileId);
		Map<Long, String> names = authors.of(listing.versions());
		return new VersionListing(CurrentFile.of(listing.file()),
				listing.versions().stream().map(v -> Version.of(v, names)).toList());
	}

	/** The version's bytes, streamed from disk (ranges work). */
	@GetMapping("/api/versions/{fileId}/{versionId}")
	ResponseEntity<Resource> download(@PathVariable long fileId, @PathVariable long versionId) {
		Actor actor = CurrentUser.actor();
		FileVersion version = versions.get(actor, fileId, versionId);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(version.mimeType()))
			.header(HttpHeaders.ETAG, "\"v" + version.id() + "-" + version.versionTime() + "\"")
			.body(new FileSystemResource(versions.contentLocation(actor, version)));
	}

	@PostMapping("/api/versions/{fileId}/{versionId}/restore")
	CurrentFile restore(@PathVariable long fileId, @PathVariable long versionId) {
		Actor actor = CurrentUser.actor();
		return CurrentFile.of(versions.restore(actor, versions.get(actor, fileId, versionId)));
	}

	/** An empty or blank label clears it. */
	@PutMapping("/api/versions/{fileId}/{versionId}/label")
	Version label(@PathVariable long fileId, @PathVariable long versionId, @RequestBody Label body) {
		Actor actor = CurrentUser.actor();
		FileVersion labelled = versions.label(actor, versions.get(actor, fileId, versionId), body.label());
		return Version.of(labelled, authors.of(List.of(labelled)));
	}

	@DeleteMapping("/api/versions/{fileId}/{versionId}")
	ResponseEntity<Void> delete(@PathVariable long fileId, @PathVariable long versionId) {
		Actor actor = CurrentUser.actor();
		versions.delete(actor, versions.get(actor, fileId, versionId));
		return ResponseEntity.noContent().build();
	}
}
