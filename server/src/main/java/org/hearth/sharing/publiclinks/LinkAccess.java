package org.hearth.sharing.publiclinks;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.hearth.accounts.LoginThrottle;
import org.hearth.storage.Actor;
import org.hearth.storage.StorageException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * How a visitor of a public link becomes an {@link Actor}: the token is looked up, the password checked through the
 * login throttle (keyed by link and address, so guessing one link's password from one address slows down and then
 * stops, while the right password from elsewhere still works). This is the only code that builds a visitor with
 * {@code passwordGiven = true}; storage decides everything else (expiry, scope, policy) for every protocol.
 */
@Service
public class LinkAccess {

	/** The session attribute of the links this browser unlocked: share id → the password hash it was checked against. */
	private static final String GRANTS = LinkAccess.class.getName() + ".grants";

	private final LinkRepository links;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final Clock clock;

	LinkAccess(LinkRepository links, PasswordEncoder passwords, LoginThrottle throttle, Clock clock) {
		this.links = links;
		this.passwords = passwords;
		this.throttle = throttle;
		this.clock = clock;
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
	 * The link of a token. Unknown and expired links are both "not found", so a token's past is not revealed;
	 * storage refuses expired links again on every operation.
	 */
	public PublicLink link(String token) {
		return links.byToken(token)
			.filter(link -> link.expiresOn() == null || !LocalDate.now(clock).isAfter(link.expiresOn()))
			.orElseThrow(() -> new StorageException(StorageException.Reason.NOT_FOUND, "no such link"));
	}

	/**
	 * The visitor of a link that needs no password, or whose password this browser's session already gave. A grant
	 * ends when the owner changes the password.
	 */
	public Actor visitor(PublicLink link, HttpServletRequest request) {
		if (!link.passwordProtected()) {
			return Actor.linkVisitor(link.shareId(), false);
		}
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(GRANTS) instanceof Map<?, ?> grants
				&& link.passwordHash().equals(grants.get(link.shareId()))) {
			return Actor.linkVisitor(link.shareId(), true);
		}
		throw new PasswordRequired();
	}

	/** The visitor, having checked {@code password} (null when none was sent) through the throttle. */
	public Actor visitor(PublicLink link, String password, String address) {
		if (!link.passwordProtected()) {
			return Actor.linkVisitor(link.shareId(), false);
		}
		if (password == null || password.isEmpty()) {
			throw new PasswordRequired();
		}
		String login = "link:" + link.shareId();
		Duration delay;
		try {
			delay = throttle.delayFor(address, login);
		}
		catch (LoginThrottle.Blocked blocked) {
			throw new Throttled(blocked.retryAfter());
		}
		sleep(delay);
		if (!passwords.matches(password, link.passwordHash())) {
			throttle.recordFailure(address, login);
			throw new PasswordRequired();
		}
		throttle.recordSuccess(address, login);
		return Actor.linkVisitor(link.shareId(), true);
	}

	/**
	 * Checks the password a web visitor typed and, when right, remembers it in the session (a new session id, so a
	 * session fixed by someone else never gains the grant).
	 */
	public void unlock(PublicLink link, String password, HttpServletRequest request) {
		visitor(link, password, request.getRemoteAddr());
		if (!link.passwordProtected()) {
			return;
		}
		HttpSession session = request.getSession(true);
		request.changeSessionId();
		@SuppressWarnings("unchecked")
		Map<Long, String> grants = session.getAttribute(GRANTS) instanceof Map<?, ?> existing
				? new HashMap<>((Map<Long, String>) existing) : new HashMap<>();
		grants.put(link.shareId(), link.passwordHash());
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
