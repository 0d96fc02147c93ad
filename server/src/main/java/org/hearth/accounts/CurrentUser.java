package org.hearth.accounts;

import java.util.Optional;

import org.hearth.storage.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The signed-in account of the current request, for adapters that need an {@link Actor}. */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static Optional<HearthPrincipal> principal() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof HearthPrincipal p ? Optional.of(p) : Optional.empty();
	}

	public static HearthPrincipal require() {
		return principal().orElseThrow(() -> new IllegalStateException("no signed-in user on this request"));
	}

	/** The actor of this request, with the device it came from (see {@link HearthPrincipal#actor(String)}). */
	public static Actor actor() {
		String client = null;
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			client = attributes.getRequest().getHeader("User-Agent");
		}
		return require().actor(client);
	}
}
