package org.hearth.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing as Nextcloud does: failed logins are counted per address and per address and login
 * name; past a few, each attempt waits longer (doubling), and past a limit it is refused outright (429). Only
 * failures count, so a sync client's many good requests are never slowed.
 */
@Component
public class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** The address wide limit is this many times the per-login one, so one user's typos do not lock a household. */
	private static final int ADDRESS_FACTOR = 3;

	private record Failures(int count, Instant last) {
	}

	private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

	private final AccountsProperties.Throttle settings;

	private final Clock clock;

	public LoginThrottle(AccountsProperties properties, Clock clock) {
		this.settings = properties.throttle();
		this.clock = clock;
	}

	/** Refused: too many failures. */
	public static class Blocked extends RuntimeException {

		private final Duration retryAfter;

		public Blocked(Duration retryAfter) {
			super("too many failed logins");
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return retryAfter;
		}
	}

	/**
	 * How long this attempt must wait before its credentials are checked; throws {@link Blocked} past the limit.
	 */
	public Duration delayFor(String address, String login) {
		int perLogin = count(address + "|" + login);
		int perAddress = count(address) / ADDRESS_FACTOR;
		int worst = Math.max(perLogin, perAddress);
		if (worst >= settings.blockAfter()) {
			throw new Blocked(settings.window());
		}
		if (worst < settings.freeAttempts()) {
			return Duration.ZERO;
		}
		int doublings = Math.min(worst - settings.freeAttempts(), 20);
		Duration delay = settings.baseDelay().multipliedBy(1L << doublings);
		return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
	}

	public void recordFailure(String address, String login) {
		Instant now = clock.instant();
		failures.merge(address + "|" + login, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
		failures.merge(address, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
		log.info("failed login for '{}' from {}", login, address);
	}

	public void recordSuccess(String address, String login) {
		failures.remove(address + "|" + login);
	}

	private int count(String key) {
		Failures f = failures.get(key);
		if (f == null) {
			return 0;
		}
		if (f.last().plus(settings.window()).isBefore(clock.instant())) {
			failures.remove(key, f);
			return 0;
		}
		return f.count();
	}
}
