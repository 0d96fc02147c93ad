package org.hearth.sharing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hearth.accounts.Group;
import org.hearth.accounts.GroupMembershipChanged;
import org.hearth.accounts.GroupService;
import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.sharing.SharingException.Reason;
import org.hearth.sharing.internal.ShareRepository;
import org.hearth.storage.Actor;
import org.hearth.storage.Namespace;
import org.hearth.storage.Node;
import org.hearth.storage.Permissions;
import org.hearth.storage.ShareSource;
import org.hearth.storage.SharingPolicies;
import org.hearth.storage.SharingPolicy;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares to users and groups and public links, with Nextcloud's rules: only someone holding the share right may
 * share, a reshare never grants more than its maker holds, and narrowing or removing a share reaches its
 * reshares. What a share then allows is decided by storage's namespace on every request.
 */
@Service
public class ShareService {

	private static final StoragePath SHARED_WITH_ME = StoragePath.ROOT.child(Namespace.SHARED_WITH_ME);

	/** 24 random bytes: 192 bits, 32 URL-safe characters. */
	private static final int TOKEN_BYTES = 24;

	private final ShareRepository shares;

	private final StorageService storage;

	private final Namespace namespace;

	private final UserService users;

	private final GroupService groups;

	private final SharingPolicies policies;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public ShareService(ShareRepository shares, StorageService storage, Namespace namespace, UserService users,
			GroupService groups, SharingPolicies policies, PasswordEncoder encoder, Clock clock) {
		this.shares = shares;
		this.storage = storage;
		this.namespace = namespace;
		this.users = users;
		this.groups = groups;
		this.policies = policies;
		this.encoder = encoder;
		this.clock = clock;
	}

	// ---- creating and changing

	@Transactional
	public ShareDetails create(Actor actor, NewShare request) {
		requireUser(actor);
		if (request.type() == null) {
			throw new SharingException(Reason.BAD_REQUEST, "please specify a share type");
		}
		StoragePath path = parsePath(request.path());
		ShareSource source = storage.shareSource(actor, actor.userId(), path);
		if (path.isRoot() || source.visible().path().isRoot()) {
			throw new SharingException(Reason.BAD_REQUEST, "your home folder cannot be shared");
		}
		if (!source.held().share()) {
			throw new SharingException(Reason.FORBIDDEN, "you may not share /" + path);
		}
		Node node = source.node();
		int bits = requestedBits(request, node);
		checkWithin(bits, source.held().shareBits(), node);
		Long withUser = null;
		Long withGroup = null;
		String token = null;
		String passwordHash = null;
		LocalDate expiresOn = request.expireDate() == null || request.expireDate().isBlank() ? null
				: notPast(parseDate(request.expireDate()));
		switch (request.type()) {
			case USER -> {
				UserAccount recipient = users.find(blankToNull(request.shareWith()))
					.orElseThrow(() -> new SharingException(Reason.NOT_FOUND, "no user " + request.shareWith()));
				if (recipient.id() == actor.userId() || recipient.id() == node.ownerId()) {
					throw new SharingException(Reason.BAD_REQUEST, "cannot share with yourself or the owner");
				}
				withUser = recipient.id();
			}
			case GROUP -> withGroup = groups.find(blankToNull(request.shareWith()))
				.map(Group::id)
				.orElseThrow(() -> new SharingException(Reason.NOT_FOUND, "no group " + request.shareWith()));
			case LINK -> {
				SharingPolicy policy = policies.current();
				if (!policy.linksEnabled()) {
					throw new SharingException(Reason.FORBIDDEN, "public links are switched off");
				}
				checkPublicUpload(bits, policy);
				passwordHash = hashOrNull(request.password());
				if (passwordHash == null && policy.passwordRequired()) {
					throw new SharingException(Reason.BAD_REQUEST, "links need a password");
				}
				expiresOn = expiresOn == null ? defaultExpiry(policy) : expiresOn;
				checkExpiry(expiresOn, policy);
				token = newToken();
			}
		}
		if (request.type() != ShareType.LINK && alreadyShared(node.id(), withUser, withGroup)) {
			throw new SharingException(Reason.FORBIDDEN, "/" + path + " is already shared with " + request.shareWith());
		}
		Share share = new Share(0, request.type(), node.ownerId(), actor.userId(), node.id(), withUser, withGroup,
				source.throughShareId(), bits, token, passwordHash, expiresOn, blankToNull(request.label()),
				blankToNull(request.note()), false, clock.instant().getEpochSecond());
		long id = shares.insert(share);
		Share created = shares.find(id).orElseThrow();
		recipients(created).forEach(userId -> mountFor(created, userId, node.name()));
		namespace.invalidateAll();
		return new ShareDetails(created, source.visible());
	}

	@Transactional
	public ShareDetails update(Actor actor, long id, ShareChange change) {
		Share share = managed(actor, id);
		Node node = storage.visible(Actor.system(), share.nodeId()).orElseThrow(this::noShare);
		Share updated = share;
		SharingPolicy policy = policies.current();
		Integer bits = change.permissions();
		if (change.publicUpload() != null && share.type() == ShareType.LINK) {
			bits = change.publicUpload() ? Permissions.READ | Permissions.UPDATE | Permissions.CREATE
					| Permissions.DELETE : Permissions.READ;
		}
		if (bits != null) {
			int wanted = node.directory() ? bits : bits & ~(Permissions.CREATE | Permissions.DELETE);
			checkValid(wanted, share.type(), node);
			checkWithin(wanted, heldByInitiator(share), node);
			if (share.type() == ShareType.LINK) {
				checkPublicUpload(wanted, policy);
			}
			updated = updated.withPermissions(wanted);
		}
		String passwordHash = updated.passwordHash();
		if (change.password() != null && share.type() == ShareType.LINK) {
			passwordHash = hashOrNull(change.password());
			if (passwordHash == null && policy.passwordRequired()) {
				throw new SharingException(Reason.BAD_REQUEST, "links need a password");
			}
		}
		LocalDate expiresOn = updated.expiresOn();
		if (change.expireDate() != null) {
			expiresOn = change.expireDate().isBlank() ? null : notPast(parseDate(change.expireDate()));
			if (share.type() == ShareType.LINK) {
				checkExpiry(expiresOn, policy);
			}
		}
		updated = new Share(updated.id(), updated.type(), updated.ownerId(), updated.initiatorId(), updated.nodeId(),
				updated.sharedWithUser(), updated.sharedWithGroup(), updated.parentId(), updated.permissions(),
				updated.token(), passwordHash, expiresOn, change.label() != null ? blankToNull(change.label())
						: updated.label(), change.note() != null ? blankToNull(change.note()) : updated.note(),
				change.hideDownload() != null ? change.hideDownload() : updated.hideDownload(), updated.createdAt());
		shares.update(updated);
		List<Long> touched = new ArrayList<>(List.of(id));
		narrowReshares(id, updated.permissions(), touched);
		namespace.sharesChanged(touched);
		return details(actor, shares.find(id).orElseThrow());
	}

	/**
	 * Removes a share with its reshares. A recipient "deleting" a share they received leaves it instead: it
	 * disappears from their tree only.
	 */
	@Transactional
	public void delete(Actor actor, long id) {
		requireUser(actor);
		Share share = shares.find(id).orElseThrow(this::noShare);
		if (share.ownerId() == actor.userId() || share.initiatorId() == actor.userId()) {
			List<Long> removed = new ArrayList<>(List.of(id));
			collectReshares(id, removed);
			namespace.sharesChanged(removed);
			shares.delete(id);
			namespace.invalidateAll();
			return;
		}
		if (receivedBy(actor, share)) {
			namespace.leave(id, actor.userId());
			return;
		}
		throw noShare();
	}

	/** A member who joins a group gets the group's shares mounted at once. */
	@EventListener
	void onMembershipChanged(GroupMembershipChanged change) {
		if (!change.joined()) {
			return;
		}
		for (Share share : shares.groupShares(change.groupId())) {
			storage.visible(Actor.system(), share.nodeId())
				.ifPresent(node -> mountFor(share, change.userId(), node.name()));
		}
	}

	// ---- reading

	/**
	 * Shares as the OCS API lists them: those the actor made (with {@code reshares}, also every share of nodes
	 * they own), optionally only of the node at {@code path} or (with {@code subfiles}) of its children; or, with
	 * {@code sharedWithMe}, the shares the actor received.
	 */
	public List<ShareDetails> list(Actor actor, String path, boolean reshares, boolean subfiles,
			boolean sharedWithMe) {
		requireUser(actor);
		List<Share> candidates;
		if (sharedWithMe) {
			candidates = shares.receivedBy(actor.userId());
		}
		else {
			Map<Long, Share> byId = new LinkedHashMap<>();
			shares.byInitiator(actor.userId()).forEach(s -> byId.put(s.id(), s));
			if (reshares) {
				shares.byOwner(actor.userId()).forEach(s -> byId.put(s.id(), s));
			}
			candidates = List.copyOf(byId.values());
		}
		Set<Long> nodeFilter = null;
		if (path != null && !path.isBlank()) {
			Node at = storage.find(actor, actor.userId(), parsePath(path))
				.orElseThrow(() -> new SharingException(Reason.NOT_FOUND, "wrong path, file/folder does not exist"));
			nodeFilter = subfiles ? Set.copyOf(storage.list(actor, at).stream().map(Node::id).toList())
					: Set.of(at.id());
		}
		List<ShareDetails> result = new ArrayList<>();
		for (Share share : candidates) {
			if (nodeFilter != null && !nodeFilter.contains(share.nodeId())) {
				continue;
			}
			if (sharedWithMe && shares.mountPath(share.id(), actor.userId()).isEmpty()) {
				continue;
			}
			storage.visible(actor, share.nodeId()).ifPresent(node -> result.add(new ShareDetails(share, node)));
		}
		return result;
	}

	/** One share, for its owner, its maker or a recipient. */
	public ShareDetails get(Actor actor, long id) {
		requireUser(actor);
		Share share = shares.find(id).orElseThrow(this::noShare);
		boolean mine = share.ownerId() == actor.userId() || share.initiatorId() == actor.userId();
		if (!mine && !receivedBy(actor, share)) {
			throw noShare();
		}
		return details(actor, share);
	}

	/**
	 * Enabled users other than the asker, and groups, whose name (or a user's display name) contains the term,
	 * ignoring case: whom the share dialogs offer.
	 */
	public List<Sharee> sharees(Actor actor, String term) {
		requireUser(actor);
		String wanted = term == null ? "" : term.trim().toLowerCase(Locale.ROOT);
		List<Sharee> found = new ArrayList<>();
		for (UserAccount user : users.list()) {
			String name = user.username().toLowerCase(Locale.ROOT);
			String display = user.displayName().toLowerCase(Locale.ROOT);
			if (user.id() != actor.userId() && user.enabled() && (name.contains(wanted) || display.contains(wanted))) {
				found.add(new Sharee(ShareType.USER, user.username(), user.displayName(),
						name.equals(wanted) || display.equals(wanted)));
			}
		}
		for (Group group : groups.list()) {
			String name = group.name().toLowerCase(Locale.ROOT);
			if (name.contains(wanted)) {
				found.add(new Sharee(ShareType.GROUP, group.name(), group.name(), name.equals(wanted)));
			}
		}
		return found;
	}

	/** The ids of the users a user or group share reaches now; none for links. */
	public List<Long> recipients(Share share) {
		return switch (share.type()) {
			case USER -> List.of(share.sharedWithUser());
			case GROUP -> groups.memberIds(share.sharedWithGroup())
				.stream()
				.filter(userId -> userId != share.ownerId())
				.toList();
			case LINK -> List.of();
		};
	}

	// ---- internals

	/**
	 * Whether the actor received the share and it still reaches them (not expired, not left): otherwise it is
	 * answered as absent, so a recipient learns nothing more of a share that ended.
	 */
	private boolean receivedBy(Actor actor, Share share) {
		return recipients(share).contains(actor.userId()) && storage.visible(actor, share.nodeId()).isPresent();
	}

	private ShareDetails details(Actor actor, Share share) {
		Node node = storage.visible(actor, share.nodeId()).orElseThrow(this::noShare);
		return new ShareDetails(share, node);
	}

	private Share managed(Actor actor, long id) {
		requireUser(actor);
		Share share = shares.find(id).orElseThrow(this::noShare);
		if (share.ownerId() != actor.userId() && share.initiatorId() != actor.userId()) {
			if (receivedBy(actor, share)) {
				throw new SharingException(Reason.FORBIDDEN, "only the share's owner or maker may change it");
			}
			throw noShare();
		}
		return share;
	}

	private int requestedBits(NewShare request, Node node) {
		int bits;
		if (request.permissions() != null) {
			bits = request.permissions();
		}
		else if (request.type() == ShareType.LINK) {
			bits = Boolean.TRUE.equals(request.publicUpload()) && node.directory()
					? Permissions.READ | Permissions.UPDATE | Permissions.CREATE | Permissions.DELETE
					: Permissions.READ;
		}
		else {
			bits = Permissions.ALL_BITS;
		}
		if (!node.directory()) {
			bits &= ~(Permissions.CREATE | Permissions.DELETE);
		}
		checkValid(bits, request.type(), node);
		return bits;
	}

	/** Read is always part of a share, except a folder link that only takes uploads (a file drop). */
	private static void checkValid(int bits, ShareType type, Node node) {
		boolean drop = type == ShareType.LINK && node.directory() && bits == Permissions.CREATE;
		if (bits <= 0 || bits > Permissions.ALL_BITS || ((bits & Permissions.READ) == 0 && !drop)) {
			throw new SharingException(Reason.BAD_REQUEST, "invalid permissions " + bits);
		}
	}

	/** A share never grants more than its maker holds; a share right on a file's own content is all there is. */
	private static void checkWithin(int bits, int held, Node node) {
		int heldHere = node.directory() ? held : held & ~(Permissions.CREATE | Permissions.DELETE);
		if ((bits & ~heldHere) != 0) {
			throw new SharingException(Reason.FORBIDDEN, "cannot grant more permissions than you hold");
		}
	}

	private int heldByInitiator(Share share) {
		if (share.parentId() == null) {
			return Permissions.ALL_BITS;
		}
		return shares.find(share.parentId()).map(Share::permissions).orElse(0);
	}

	private static void checkPublicUpload(int bits, SharingPolicy policy) {
		if (!policy.publicUploadEnabled() && (bits & ~(Permissions.READ | Permissions.SHARE)) != 0) {
			throw new SharingException(Reason.FORBIDDEN, "public upload is switched off");
		}
	}

	private LocalDate defaultExpiry(SharingPolicy policy) {
		return policy.defaultExpiryDays() > 0 ? today().plusDays(policy.defaultExpiryDays()) : null;
	}

	private void checkExpiry(LocalDate expiresOn, SharingPolicy policy) {
		if (policy.maxExpiryDays() <= 0) {
			return;
		}
		if (expiresOn == null || expiresOn.isAfter(today().plusDays(policy.maxExpiryDays()))) {
			throw new SharingException(Reason.BAD_REQUEST,
					"links expire within " + policy.maxExpiryDays() + " days at most");
		}
	}

	/** As Nextcloud: a share cannot be made to end before today. */
	private LocalDate notPast(LocalDate lastDay) {
		if (lastDay.isBefore(today())) {
			throw new SharingException(Reason.BAD_REQUEST, "expiration date is in the past");
		}
		return lastDay;
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
	}

	private static LocalDate parseDate(String value) {
		try {
			return LocalDate.parse(value.trim().length() > 10 ? value.trim().substring(0, 10) : value.trim());
		}
		catch (DateTimeParseException e) {
			throw new SharingException(Reason.BAD_REQUEST, "invalid date " + value + ", expected YYYY-MM-DD");
		}
	}

	private void narrowReshares(long parentId, int bits, List<Long> touched) {
		for (Share reshare : shares.reshares(parentId)) {
			int narrowed = reshare.permissions() & bits;
			if (narrowed != reshare.permissions()) {
				shares.update(reshare.withPermissions(narrowed));
			}
			touched.add(reshare.id());
			narrowReshares(reshare.id(), narrowed, touched);
		}
	}

	private void collectReshares(long parentId, List<Long> into) {
		for (Share reshare : shares.reshares(parentId)) {
			into.add(reshare.id());
			collectReshares(reshare.id(), into);
		}
	}

	private boolean alreadyShared(long nodeId, Long withUser, Long withGroup) {
		return shares.ofNodes(List.of(nodeId))
			.stream()
			.anyMatch(s -> (withUser != null && withUser.equals(s.sharedWithUser()))
					|| (withGroup != null && withGroup.equals(s.sharedWithGroup())));
	}

	/** Mounts a share in a recipient's tree under "Shared with me", creating that folder when needed. */
	private void mountFor(Share share, long userId, String name) {
		if (userId == share.ownerId()) {
			return;
		}
		if (storage.find(Actor.system(), userId, SHARED_WITH_ME).isEmpty()) {
			try {
				storage.createFolder(Actor.system(), userId, SHARED_WITH_ME, Set.of());
			}
			catch (StorageException e) {
				if (e.reason() != StorageException.Reason.ALREADY_EXISTS) {
					throw e;
				}
			}
		}
		namespace.mount(share.id(), userId, name);
	}

	private String hashOrNull(String password) {
		return password == null || password.isEmpty() ? null : encoder.encode(password);
	}

	private String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static StoragePath parsePath(String path) {
		if (path == null || path.isBlank()) {
			throw new SharingException(Reason.BAD_REQUEST, "please specify a file or folder path");
		}
		try {
			return StoragePath.parse(path);
		}
		catch (StorageException e) {
			throw new SharingException(Reason.NOT_FOUND, "wrong path, file/folder does not exist");
		}
	}

	private static void requireUser(Actor actor) {
		if (actor.isSystem() || actor.kind() == Actor.Kind.LINK) {
			throw new SharingException(Reason.FORBIDDEN, "only users share");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private SharingException noShare() {
		return new SharingException(Reason.NOT_FOUND, "wrong share ID, share does not exist");
	}

	/** The link with this token, for the public-link side to authenticate visitors. */
	public Optional<Share> findLink(String token) {
		return shares.findByToken(token).filter(s -> s.type() == ShareType.LINK);
	}
}
