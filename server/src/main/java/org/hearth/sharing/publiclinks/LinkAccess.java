package org.hearth.sharing.publiclinks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.hearth.accounts.LoginThrottle;
import org.hearth.sharing.Share;
import org.hearth.sharing.ShareService;
import org.hearth.storage.Actor;
import org.hearth.storage.Namespace;
import org.hearth.storage.Permissions;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * How a visitor of a public link becomes an {@link Actor}: the token is looked up, a password that was sent is
 * checked through the login throttle (keyed by link and address, so guessing one link's password from one address
 * slows down and then stops, while the right password from elsewhere still works). This is the only code that builds
 * a visitor with {@code passwordGiven = true}. It never refuses a visitor for a missing password itself: storage's
 * link rule does, for every protocol, and {@link #enter} only turns that refusal into "password required".
 */
@Service
public class LinkAccess {

	/** The home argument of a visitor's storage calls: paths are relative to the link's node. */
	public static final long HOME = Namespace.LINK_HOME;

	/** The session attribute of the links this browser unlocked: share id → the password hash it was checked against. */
	private static final String GRANTS = LinkAccess.class.getName() + ".grants";

	private final ShareService shares;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final StorageService storage;

	private final Namespace namespace;

	LinkAccess(ShareService shares, PasswordEncoder passwords, LoginThrottle throttle, StorageService storage,
			Namespace namespace) {
		this.shares = shares;
		this.namespace = namespace;
		this.passwords = passwords;
		this.throttle = throttle;
		this.storage = storage;
	}

	/** The password is missing or wrong: answered 401. */
	public static class PasswordRequired extends RuntimeException {

		public PasswordRequired() {
			super("this link needs its password");
		}
	}

	/** Too many wrong passwords for this link from this address: answered 429. */
	public static class Throttled extends RuntimeException {

		private final Duration retryAfter;

		public Throttled(Duration retryAfter) {
			super("too many wrong passwords, try again later");
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return retryAfter;
		}
	}

	/**
	 * The link of a token, answered as absent when storage's link rule says it reaches nothing even with its
	 * password (expired, switched off): every route asks here first, so such a link never prompts for a password
	 * nor counts a guess. What a live link allows stays storage's decision on every operation.
	 */
	public Share link(String token) {
		return shares.findLink(token)
			.filter(link -> namespace.linkAlive(link.id()))
			.orElseThrow(() -> new StorageException(StorageException.Reason.NOT_FOUND, "no such link"));
	}

	/**
	 * The visitor of a link, with the password given if this browser's session gave it before (a grant ends when
	 * the owner changes the password).
	 */
	public Actor visitor(Share link, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		boolean granted = hasPassword(link) && session != null
				&& session.getAttribute(GRANTS) instanceof Map<?, ?> grants
				&& link.passwordHash().equals(grants.get(link.id()));
		return Actor.linkVisitor(link.id(), granted);
	}

	/**
	 * The visitor, having checked {@code password} through the throttle: a wrong password is refused here (and
	 * counted), a missing one gives a visitor without it.
	 */
	public Actor visitor(Share link, String password, String address) {
		if (!hasPassword(link) || password == null || password.isEmpty()) {
			return Actor.linkVisitor(link.id(), false);
		}
		String login = "link:" + link.id();
		// a bucket of its own per address: guesses at link passwords slow down further guesses at links, but
		// never the accounts' logins from the same address (a household behind one router)
		String bucket = "link-visitor:" + address;
		Duration delay;
		try {
			delay = throttle.delayFor(bucket, login);
		}
		catch (LoginThrottle.Blocked blocked) {
			throw new Throttled(blocked.retryAfter());
		}
		sleep(delay);
		if (!passwords.matches(password, link.passwordHash())) {
			throttle.recordFailure(bucket, login);
			throw new PasswordRequired();
		}
		throttle.recordSuccess(bucket, login);
		return Actor.linkVisitor(link.id(), true);
	}

	public static boolean hasPassword(Share link) {
		return link.passwordHash() != null;
	}

	/** A file drop: visitors may upload but neither list nor read. */
	public static boolean uploadOnly(Share link) {
		return (link.permissions() & Permissions.READ) == 0;
	}

	/**
	 * Lets the visitor in, or says why not: when storage shows it nothing at the link's root although the link has
	 * a password the visitor did not give, the answer is "password required" rather than "not found". The decision
	 * itself is storage's; with its password check gone, this would let the visitor in (LinkAttackIT proves that).
	 */
	public Actor enter(Share link, Actor visitor) {
		if (hasPassword(link) && !visitor.link().passwordGiven()
				&& storage.find(visitor, HOME, StoragePath.ROOT).isEmpty()) {
			throw new PasswordRequired();
		}
		return visitor;
	}

	/**
	 * Checks the password a web visitor typed and, when right, remembers it in the session (a new session id, so a
	 * session fixed by someone else never gains the grant).
	 */
	public void unlock(Share link, String password, HttpServletRequest request) {
		if (!hasPassword(link)) {
			return;
		}
		if (password.isEmpty()) {
			throw new PasswordRequired();
		}
		visitor(link, password, request.getRemoteAddr());
		HttpSession session = request.getSession(true);
		request.changeSessionId();
		@SuppressWarnings("unchecked")
		Map<Long, String> grants = session.getAttribute(GRANTS) instanceof Map<?, ?> existing
				? new HashMap<>((Map<Long, String>) existing) : new HashMap<>();
		grants.put(link.id(), link.passwordHash());
		session.setAttribute(GRANTS, grants);
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
