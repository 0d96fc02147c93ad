package org.hearth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.hearth.accounts.internal.AppPasswordEntity;
import org.hearth.accounts.internal.AppPasswordRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device passwords for sync clients, mounts and the CLI. They are long random secrets, so a SHA-256 of them is
 * enough to store (unlike account passwords, which need a slow hash).
 */
@Service
public class AppPasswordService {

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final int LENGTH = 72;

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final AppPasswordRepository repository;

	private final CredentialCache credentialCache;

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	public AppPasswordService(AppPasswordRepository repository, CredentialCache credentialCache, Clock clock) {
		this.repository = repository;
		this.credentialCache = credentialCache;
		this.clock = clock;
	}

	/** A new app password: the secret is returned once and never stored. */
	public record Created(AppPassword appPassword, String secret) {
	}

	@Transactional
	public Created create(long userId, String name) {
		StringBuilder secret = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		String deviceName = name == null || name.isBlank() ? "unnamed device" : name.strip();
		if (deviceName.length() > 255) {
			deviceName = deviceName.substring(0, 255);
		}
		AppPasswordEntity saved = repository
			.save(new AppPasswordEntity(userId, deviceName, hash(secret.toString()), clock.instant()));
		return new Created(toAppPassword(saved), secret.toString());
	}

	public List<AppPassword> list(long userId) {
		return repository.findByUserIdOrderByCreatedAtDesc(userId).stream().map(this::toAppPassword).toList();
	}

	@Transactional
	public boolean revoke(long userId, long appPasswordId) {
		Optional<AppPasswordEntity> found = repository.findById(appPasswordId).filter(a -> a.getUserId() == userId);
		found.ifPresent(entity -> {
			repository.delete(entity);
			credentialCache.forgetUser(userId);
		});
		return found.isPresent();
	}

	/** Revokes the app password with this secret, if it is the user's. */
	@Transactional
	public boolean revokeBySecret(long userId, String secret) {
		Optional<AppPasswordEntity> found = repository.findByTokenHash(hash(secret)).filter(a -> a.getUserId() == userId);
		found.ifPresent(entity -> revoke(userId, entity.getId()));
		return found.isPresent();
	}

	/** The id of the app password with this secret belonging to the user, noting that it was used. */
	@Transactional
	public Optional<Long> verify(long userId, String secret) {
		Optional<AppPasswordEntity> found = repository.findByTokenHash(hash(secret)).filter(a -> a.getUserId() == userId);
		found.ifPresent(entity -> {
			Instant now = clock.instant();
			if (entity.getLastUsedAt() == null || entity.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
				entity.setLastUsedAt(now);
			}
		});
		return found.map(AppPasswordEntity::getId);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private AppPassword toAppPassword(AppPasswordEntity entity) {
		return new AppPassword(entity.getId(), entity.getName(), entity.getCreatedAt(), entity.getLastUsedAt());
	}
}
