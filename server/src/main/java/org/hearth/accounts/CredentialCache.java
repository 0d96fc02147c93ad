package org.hearth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Remembers recently verified credentials for a minute. DAV clients send Basic credentials with every request and
 * a password hash costs milliseconds by design; the cache key is an HMAC of the credentials under a key that lives
 * only in memory, so neither the password nor a reusable hash of it is kept.
 */
@Component
public class CredentialCache {

	/** A verified login: who, and whether it was an app password. */
	public record Verified(long userId, boolean appPassword) {
	}

	private final Cache<String, Verified> verified = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(60))
		.maximumSize(10_000)
		.build();

	private final SecretKeySpec key;

	public CredentialCache() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		key = new SecretKeySpec(secret, "HmacSHA256");
	}

	public Verified get(String login, String password) {
		return verified.getIfPresent(keyOf(login, password));
	}

	public void put(String login, String password, Verified who) {
		verified.put(keyOf(login, password), who);
	}

	/** Forgets every cached login of a user: after a password change, disabling, or revoking an app password. */
	public void forgetUser(long userId) {
		verified.asMap().values().removeIf(who -> who.userId() == userId);
	}

	private String keyOf(String login, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(login.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException(e);
		}
	}
}
