package org.hearth.trash.web;

import java.util.List;

import org.hearth.accounts.CurrentUser;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.ExpiryReport;
import org.hearth.storage.TrashItem;
import org.hearth.storage.TrashPage;
import org.hearth.storage.TrashService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The web app's trash of the signed-in user, and the admin's expiry run ({@code /api/admin/**} is admin only). */
@RestController
class TrashController {

	/** Times in epoch seconds; {@code originalLocation} relative to the user's home, with a leading slash. */
	record TrashEntry(long id, String name, String originalLocation, boolean directory, long size, long deletedAt,
			long keptUntil, boolean contentLost, long fileId) {

		static TrashEntry of(TrashItem item) {
			return new TrashEntry(item.id(), item.name(), "/" + item.originalPath(), item.directory(), item.size(),
					item.deletedAt(), item.keptUntil(), item.contentLost(), item.rootNodeId());
		}
	}

	record TrashListing(List<TrashEntry> items, long total, long totalBytes, int offset, int limit) {
	}

	record Restored(String path, long fileId) {
	}

	private final TrashService trash;

	TrashController(TrashService trash) {
		this.trash = trash;
	}

	@GetMapping("/api/trash")
	TrashListing list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
		Actor actor = CurrentUser.actor();
		TrashPage page = trash.list(actor, actor.userId(), offset, Math.min(limit, 1000));
		return new TrashListing(page.items().stream().map(TrashEntry::of).toList(), page.total(), page.totalBytes(), offset,
				limit);
	}

	@PostMapping("/api/trash/{itemId}/restore")
	Restored restore(@PathVariable long itemId) {
		Actor actor = CurrentUser.actor();
		Node node = trash.restore(actor, actor.userId(), itemId);
		return new Restored("/" + node.path(), node.id());
	}

	@DeleteMapping("/api/trash/{itemId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void purge(@PathVariable long itemId) {
		Actor actor = CurrentUser.actor();
		trash.purge(actor, actor.userId(), itemId);
	}

	@DeleteMapping("/api/trash")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void empty() {
		Actor actor = CurrentUser.actor();
		trash.empty(actor, actor.userId());
	}

	/** Applies the retention rules now, for every user. */
	@PostMapping("/api/admin/trash/expire")
	ExpiryReport expire() {
		return trash.expire();
	}
}
