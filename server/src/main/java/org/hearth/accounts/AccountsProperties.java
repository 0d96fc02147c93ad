package org.hearth.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings.
 *
 * @param admin the account created on first start
 * @param throttle brute-force protection for logins
 * @param loginFlow the sign-in flows clients start in a browser
 * @param appPasswords device passwords
 */
@ConfigurationProperties("hearth")
public record AccountsProperties(@DefaultValue Admin admin, @DefaultValue Throttle throttle,
		@DefaultValue LoginFlow loginFlow, @DefaultValue AppPasswords appPasswords) {

	/**
	 * @param username the first admin's name ({@code HEARTH_ADMIN_USERNAME}, default {@code admin})
	 * @param password the first admin's password ({@code HEARTH_ADMIN_PASSWORD}); when empty a password is generated
	 * and printed once
	 */
	public record Admin(@DefaultValue("admin") String username, String password) {
	}

	/**
	 * @param freeAttempts failed logins from one address (for one login name) before delays start
	 * @param baseDelay first delay; it doubles with each further failure
	 * @param maxDelay the longest delay
	 * @param blockAfter failed logins after which requests are refused with 429 until the window passes
	 * @param window how long failures are remembered
	 */
	public record Throttle(@DefaultValue("5") int freeAttempts, @DefaultValue("200ms") Duration baseDelay,
			@DefaultValue("25s") Duration maxDelay, @DefaultValue("30") int blockAfter,
			@DefaultValue("30m") Duration window) {
	}

	/**
	 * @param lifetime how long a client's sign-in (Login Flow v2) may take, from its start until the client has
	 * fetched its app password; unfinished flows are then forgotten
	 */
	public record LoginFlow(@DefaultValue("20m") Duration lifetime) {
	}

	/**
	 * @param lastUsedFlushInterval how often the devices' last use, noted in memory on each request, is written to
	 * the database
	 */
	public record AppPasswords(@DefaultValue("1m") Duration lastUsedFlushInterval) {
	}
}
