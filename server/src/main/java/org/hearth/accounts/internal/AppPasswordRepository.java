package org.hearth.accounts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface AppPasswordRepository extends JpaRepository<AppPasswordEntity, Long> {

	Optional<AppPasswordEntity> findByTokenHash(String tokenHash);

	List<AppPasswordEntity> findByUserIdOrderByCreatedAtDesc(long userId);

	/** Moves last use forward only, so a late write never hides a newer one. */
	@Transactional
	@Modifying
	@Query("update AppPasswordEntity a set a.lastUsedAt = :usedAt"
			+ " where a.id = :id and (a.lastUsedAt is null or a.lastUsedAt < :usedAt)")
	int recordLastUse(long id, Instant usedAt);
}
