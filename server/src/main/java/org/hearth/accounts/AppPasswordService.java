package org.hearth.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hearth.accounts.internal.AppPasswordEntity;
import org.hearth.accounts.internal.AppPasswordRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device passwords for sync clients, mounts and the CLI: long random {@link Secrets}, stored as their SHA-256.
 */
@Service
public class AppPasswordService {

	private static final int LENGTH = 72;

	private final AppPasswordRepository repository;

	private final CredentialCache credentialCache;

	private final AppPasswordUsage usage;

	private final Clock clock;

	AppPasswordService(AppPasswordRepository repository, CredentialCache credentialCache, AppPasswordUsage usage,
			Clock clock) {
		this.repository = repository;
		this.credentialCache = credentialCache;
		this.usage = usage;
		this.clock = clock;
	}

	/** A new app password: the secret is returned once and never stored. */
	public record Created(AppPassword appPassword, String secret) {
	}

	@Transactional
	public Created create(long userId, String name) {
		String secret = Secrets.generate(LENGTH);
		String deviceName = name == null || name.isBlank() ? "unnamed device" : name.strip();
		if (deviceName.length() > 255) {
			deviceName = deviceName.substring(0, 255);
		}
		AppPasswordEntity saved = repository
			.save(new AppPasswordEntity(userId, deviceName, Secrets.hash(secret), clock.instant()));
		return new Created(toAppPassword(saved), secret);
	}

	public List<AppPassword> list(long userId) {
		return repository.findByUserIdOrderByCreatedAtDesc(userId).stream().map(this::toAppPassword).toList();
	}

	@Transactional
	public boolean revoke(long userId, long appPasswordId) {
		Optional<AppPasswordEntity> found = repository.findById(appPasswordId).filter(a -> a.getUserId() == userId);
		found.ifPresent(entity -> {
			repository.delete(entity);
			usage.forget(appPasswordId);
			credentialCache.forgetUser(userId);
		});
		return found.isPresent();
	}

	/** The id of the app password with this secret belonging to the user. */
	public Optional<Long> verify(long userId, String secret) {
		return repository.findByTokenHash(Secrets.hash(secret))
			.filter(a -> a.getUserId() == userId)
			.map(AppPasswordEntity::getId);
	}

	/** Notes that a request used this app password; cheap enough for every request (see {@link AppPasswordUsage}). */
	public void recordUse(long appPasswordId) {
		usage.record(appPasswordId);
	}

	private AppPassword toAppPassword(AppPasswordEntity entity) {
		return new AppPassword(entity.getId(), entity.getName(), entity.getCreatedAt(), lastUse(entity));
	}

	private Instant lastUse(AppPasswordEntity entity) {
		Instant unsaved = usage.unsavedLastUse(entity.getId());
		Instant saved = entity.getLastUsedAt();
		if (unsaved == null || saved != null && saved.isAfter(unsaved)) {
			return saved;
		}
		return unsaved;
	}
}
