package org.hearth.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.hearth.accounts.internal.UserEntity;
import org.hearth.accounts.internal.UserRepository;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a login name and a secret, which may be the account password or one of its app passwords, through the
 * throttle and the credential cache.
 */
@Component
public class Authenticator implements AuthenticationProvider {

	private final UserRepository users;

	private final UserService userService;

	private final AppPasswordService appPasswords;

	private final CredentialCache cache;

	private final LoginThrottle throttle;

	public Authenticator(UserRepository users, UserService userService, AppPasswordService appPasswords,
			CredentialCache cache, LoginThrottle throttle) {
		this.users = users;
		this.userService = userService;
		this.appPasswords = appPasswords;
		this.cache = cache;
		this.throttle = throttle;
	}

	/** Thrown (as an authentication failure) when the throttle refuses; answered with 429. */
	public static class ThrottledException extends AuthenticationException {

		private final Duration retryAfter;

		public ThrottledException(Duration retryAfter) {
			super("too many failed logins, try again later");
			this.retryAfter = retryAfter;
		}

		public Duration retryAfter() {
			return retryAfter;
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String login = authentication.getName();
		String secret = String.valueOf(authentication.getCredentials());
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : "unknown";
		HearthPrincipal principal = check(address, login, secret)
			.orElseThrow(() -> new BadCredentialsException("wrong username or password"));
		return authenticated(principal);
	}

	public static UsernamePasswordAuthenticationToken authenticated(HearthPrincipal principal) {
		List<GrantedAuthority> roles = principal.admin()
				? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
		return UsernamePasswordAuthenticationToken.authenticated(principal, null, roles);
	}

	/**
	 * Verifies the credentials; empty when they are wrong (the failure is counted). A use of an app password is noted
	 * here, cache hit or not, so the device list shows when a device was last seen.
	 */
	public Optional<HearthPrincipal> check(String address, String login, String secret) {
		HearthPrincipal principal = cache.get(login, secret, () -> verify(address, login, secret));
		if (principal != null && principal.appPassword()) {
			appPasswords.recordUse(principal.appPasswordId());
		}
		return Optional.ofNullable(principal);
	}

	private HearthPrincipal verify(String address, String login, String secret) {
		Duration delay;
		try {
			delay = throttle.delayFor(address, login);
		}
		catch (LoginThrottle.Blocked blocked) {
			throw new ThrottledException(blocked.retryAfter());
		}
		sleep(delay);
		Optional<UserEntity> user = users.findByUsername(login).filter(UserEntity::isEnabled);
		Optional<HearthPrincipal> principal = user.flatMap(u -> appPasswords.verify(u.getId(), secret)
			.map(appPasswordId -> principal(u, appPasswordId))
			.or(() -> userService.passwordMatches(u, secret) ? Optional.of(principal(u, null)) : Optional.empty()));
		if (principal.isEmpty()) {
			throttle.recordFailure(address, login);
			return null;
		}
		throttle.recordSuccess(address, login);
		return principal.get();
	}

	private static HearthPrincipal principal(UserEntity user, Long appPasswordId) {
		return new HearthPrincipal(user.getId(), user.getUsername(), user.getDisplayName(), user.isAdmin(),
				appPasswordId, false);
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

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
