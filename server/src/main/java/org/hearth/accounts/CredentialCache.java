package org.hearth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers recently verified credentials with the account they belong to. DAV clients send Basic credentials with
 * every request and a password hash costs milliseconds by design, so a credential in use stays verified (sliding
 * {@link #IDLE} expiry, at most {@link #LIFETIME}); each credential is verified by one request at a time, so a burst
 * of parallel requests after expiry costs one hash, not one per connection. The cache key is an HMAC of the
 * credentials under a key that lives only in memory, so neither the password nor a reusable hash of it is kept.
 * Every change to an account (password, disabling, admin flag, app password revoked) forgets its entries.
 */
@Component
public class CredentialCache {

	static final Duration IDLE = Duration.ofMinutes(10);

	static final Duration LIFETIME = Duration.ofHours(1);

	private final Cache<String, HearthPrincipal> verified = Caffeine.newBuilder()
		.expireAfterAccess(IDLE)
		.expireAfterWrite(LIFETIME)
		.maximumSize(10_000)
		.build();

	private final SecretKeySpec key;

	public CredentialCache() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		key = new SecretKeySpec(secret, "HmacSHA256");
	}

	/**
	 * The account these credentials were verified for, or the result of {@code verify} (remembered unless null).
	 * Concurrent calls with the same credentials wait for one verification.
	 */
	public HearthPrincipal get(String login, String password, Supplier<HearthPrincipal> verify) {
		return verified.get(keyOf(login, password), k -> verify.get());
	}

	/**
	 * Forgets every cached login of a user: after a password change, disabling, or revoking an app password. Inside a
	 * transaction it forgets again after the commit, so a login verified against the old row meanwhile is not kept.
	 */
	public void forgetUser(long userId) {
		forget(userId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget(userId);
				}
			});
		}
	}

	private void forget(long userId) {
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
