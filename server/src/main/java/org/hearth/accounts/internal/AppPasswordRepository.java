package org.hearth.accounts.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AppPasswordRepository extends JpaRepository<AppPasswordEntity, Long> {

	Optional<AppPasswordEntity> findByTokenHash(String tokenHash);

	List<AppPasswordEntity> findByUserIdOrderByCreatedAtDesc(long userId);
}
