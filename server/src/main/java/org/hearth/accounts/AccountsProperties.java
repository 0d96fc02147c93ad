package org.hearth.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Account settings.
 *
 * @param admin the account created on first start
 * @param throttle brute-force protection for logins
 */
@ConfigurationProperties("hearth")
public record AccountsProperties(Admin admin, Throttle throttle) {

	public AccountsProperties {
		admin = admin == null ? new Admin(null, null) : admin;
		throttle = throttle == null ? new Throttle(0, null, null, 0, null) : throttle;
	}

	/**
	 * @param username the first admin's name ({@code HEARTH_ADMIN_USERNAME}, default {@code admin})
	 * @param password the first admin's password ({@code HEARTH_ADMIN_PASSWORD}); when empty a password is generated
	 * and printed once
	 */
	public record Admin(String username, String password) {

		public Admin {
			username = username == null || username.isBlank() ? "admin" : username;
		}
	}

	/**
	 * @param freeAttempts failed logins from one address (for one login name) before delays start
	 * @param baseDelay first delay; it doubles with each further failure
	 * @param maxDelay the longest delay
	 * @param blockAfter failed logins after which requests are refused with 429 until the window passes
	 * @param window how long failures are remembered
	 */
	public record Throttle(int freeAttempts, Duration baseDelay, Duration maxDelay, int blockAfter, Duration window) {

		public Throttle {
			freeAttempts = freeAttempts <= 0 ? 5 : freeAttempts;
			baseDelay = baseDelay == null ? Duration.ofMillis(200) : baseDelay;
			maxDelay = maxDelay == null ? Duration.ofSeconds(25) : maxDelay;
			blockAfter = blockAfter <= 0 ? 30 : blockAfter;
			window = window == null ? Duration.ofMinutes(30) : window;
		}
	}
}
