package org.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePathTest {

	@Test
	void namesAreNormalisedToNfc() {
		String nfd = "Cafe\u0301.txt";
		assertThat(StoragePath.parse("/a/" + nfd).name()).isEqualTo("Caf\u00e9.txt");
		assertThat(StoragePath.parse(nfd)).isEqualTo(StoragePath.parse("Caf\u00e9.txt"));
	}

	@Test
	void emptySegmentsAndOuterSlashesAreIgnored() {
		assertThat(StoragePath.parse("//a///b/").toString()).isEqualTo("a/b");
		assertThat(StoragePath.parse("/").isRoot()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", ".", "a\u0000b", "tab\tname", "back\\slash", "del\u007f" })
	void impossibleNamesAreRefused(String name) {
		assertThatThrownBy(() -> StoragePath.parse("/x/" + name)).isInstanceOf(StorageException.class)
			.extracting(e -> ((StorageException) e).reason())
			.isEqualTo(StorageException.Reason.INVALID_NAME);
	}

	@Test
	void overlongNamesAreRefusedByBytesNotCharacters() {
		assertThat(StoragePath.parse("\u00e9".repeat(127)).name()).hasSize(127);
		assertThatThrownBy(() -> StoragePath.parse("\u00e9".repeat(128))).isInstanceOf(StorageException.class);
	}

	@Test
	void ancestorsAndContainment() {
		StoragePath path = StoragePath.parse("a/b/c");
		assertThat(path.selfAndAncestors()).extracting(StoragePath::toString).containsExactly("a/b/c", "a/b", "a", "");
		assertThat(StoragePath.parse("a").contains(path)).isTrue();
		assertThat(StoragePath.parse("a/bc").contains(StoragePath.parse("a/b"))).isFalse();
		assertThat(StoragePath.parse("ab").contains(StoragePath.parse("a/b"))).isFalse();
	}
}
