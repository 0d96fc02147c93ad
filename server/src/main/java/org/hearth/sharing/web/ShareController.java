package org.hearth.sharing.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.Group;
import org.hearth.accounts.GroupService;
import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.platform.MayBeNull;
import org.hearth.sharing.NewShare;
import org.hearth.sharing.Share;
import org.hearth.sharing.ShareChange;
import org.hearth.sharing.ShareDetails;
import org.hearth.sharing.ShareService;
import org.hearth.sharing.ShareType;
import org.hearth.sharing.Sharee;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The web app's shares: those of one file or folder, those the signed-in user made or received, creating, changing
 * and removing them, and the autocomplete of people to share with. Every rule is {@link ShareService}'s.
 */
@RestController
class ShareController {

	/**
	 * A share as the signed-in user sees it. {@code path} is in their own tree (a received share's mount point);
	 * {@code permissions} are Nextcloud's bits (1 read, 2 edit, 4 create, 8 delete, 16 reshare); users are
	 * usernames, {@code sharedWith} a username, a group name, or null for a link.
	 */
	record ShareEntry(long id, ShareType type, String path, String name, boolean directory, long fileId,
			Person owner, Person sharedBy, @MayBeNull String sharedWith, @MayBeNull String sharedWithDisplayName,
			int permissions, @MayBeNull String expireDate, @MayBeNull String label, @MayBeNull String note,
			boolean hideDownload, boolean passwordProtected, @MayBeNull String url, boolean manageable,
			long createdAt) {
	}

	record Person(String username, String displayName) {
	}

	/** Null fields take the defaults: everything the sharer holds for users and groups, read only for links. */
	record ShareRequest(String path, ShareType type, @MayBeNull String shareWith, @MayBeNull Integer permissions,
			@MayBeNull String password, @MayBeNull String expireDate, @MayBeNull String label,
			@MayBeNull String note) {
	}

	/** Null fields stay as they are; {@code ""} removes a password, an expiry date, a label or a note. */
	record ShareUpdate(@MayBeNull Integer permissions, @MayBeNull String password, @MayBeNull String expireDate,
			@MayBeNull String label, @MayBeNull String note, @MayBeNull Boolean hideDownload) {
	}

	record ShareeEntry(ShareType type, String shareWith, String label) {
	}

	private final ShareService shares;

	private final UserService users;

	private final GroupService groups;

	ShareController(ShareService shares, UserService users, GroupService groups) {
		this.shares = shares;
		this.users = users;
		this.groups = groups;
	}

	/** The shares of the file or folder at {@code path}, whoever of its owner and resharers made them. */
	@GetMapping("/api/shares")
	List<ShareEntry> ofPath(@RequestParam String path, HttpServletRequest request) {
		Actor actor = CurrentUser.actor();
		return entries(request, actor, shares.list(actor, path, true, false, false));
	}

	@GetMapping("/api/shares/shared-with-me")
	List<ShareEntry> sharedWithMe(HttpServletRequest request) {
		Actor actor = CurrentUser.actor();
		return entries(request, actor, shares.list(actor, null, false, false, true));
	}

	@GetMapping("/api/shares/shared-by-me")
	List<ShareEntry> sharedByMe(HttpServletRequest request) {
		Actor actor = CurrentUser.actor();
		return entries(request, actor, shares.list(actor, null, false, false, false));
	}

	@PostMapping("/api/shares")
	@ResponseStatus(HttpStatus.CREATED)
	ShareEntry create(@RequestBody ShareRequest body, HttpServletRequest request) {
		Actor actor = CurrentUser.actor();
		ShareDetails created = shares.create(actor, new NewShare(body.path(), body.type(), body.shareWith(),
				body.permissions(), body.password(), null, body.expireDate(), body.note(), body.label()));
		return entries(request, actor, List.of(created)).getFirst();
	}

	@PatchMapping("/api/shares/{id}")
	ShareEntry update(@PathVariable long id, @RequestBody ShareUpdate body, HttpServletRequest request) {
		Actor actor = CurrentUser.actor();
		ShareDetails updated = shares.update(actor, id, new ShareChange(body.permissions(), body.password(),
				body.expireDate(), body.note(), body.label(), body.hideDownload(), null));
		return entries(request, actor, List.of(updated)).getFirst();
	}

	/** Removes a share the user made; a recipient leaves a share they received. */
	@DeleteMapping("/api/shares/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		shares.delete(CurrentUser.actor(), id);
	}

	/** Users and groups whose name contains {@code search}, exact matches first. */
	@GetMapping("/api/sharees")
	List<ShareeEntry> sharees(@RequestParam(defaultValue = "") String search) {
		return shares.sharees(CurrentUser.actor(), search)
			.stream()
			.sorted((a, b) -> Boolean.compare(b.exact(), a.exact()))
			.map(ShareController::sharee)
			.toList();
	}

	private static ShareeEntry sharee(Sharee sharee) {
		return new ShareeEntry(sharee.type(), sharee.shareWith(), sharee.label());
	}

	/** The entries of a listing; each user and group is looked up once however many shares name them. */
	private List<ShareEntry> entries(HttpServletRequest request, Actor actor, List<ShareDetails> found) {
		Map<Long, Person> people = new HashMap<>();
		Map<Long, String> groupNames = new HashMap<>();
		return found.stream().map(details -> {
			Share share = details.share();
			Node node = details.node();
			Person with = switch (share.type()) {
				case USER -> people.computeIfAbsent(share.sharedWithUser(), this::person);
				case GROUP -> {
					String name = groupNames.computeIfAbsent(share.sharedWithGroup(),
							groupId -> groups.findById(groupId).map(Group::name).orElse("?"));
					yield new Person(name, name);
				}
				case LINK -> null;
			};
			String url = share.token() == null ? null
					: ServletUriComponentsBuilder.fromContextPath(request)
						.path("/index.php/s/{token}")
						.buildAndExpand(share.token())
						.toUriString();
			return new ShareEntry(share.id(), share.type(), "/" + node.path(), node.name(), node.directory(),
					node.id(), people.computeIfAbsent(share.ownerId(), this::person),
					people.computeIfAbsent(share.initiatorId(), this::person), with == null ? null : with.username(),
					with == null ? share.label() : with.displayName(),
					share.permissions(), share.expiresOn() == null ? null : share.expiresOn().toString(),
					share.label(), share.note(), share.hideDownload(), share.passwordHash() != null, url,
					share.ownerId() == actor.userId() || share.initiatorId() == actor.userId(), share.createdAt());
		}).toList();
	}

	private Person person(long userId) {
		Optional<UserAccount> user = users.findById(userId);
		return user.map(u -> new Person(u.username(), u.displayName())).orElse(new Person("?", "?"));
	}
}
