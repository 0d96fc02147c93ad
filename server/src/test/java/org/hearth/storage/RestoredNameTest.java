package org.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names a restore picks beside a taken one. */
class RestoredNameTest {

	@Test
	void theSuffixGoesBeforeTheExtension() {
		assertThat(TrashService.restoredName("photo.jpg", false, 1)).isEqualTo("photo (restored).jpg");
		assertThat(TrashService.restoredName("photo.jpg", false, 2)).isEqualTo("photo (restored 2).jpg");
		assertThat(TrashService.restoredName("archive.tar.gz", false, 1)).isEqualTo("archive.tar (restored).gz");
	}

	@Test
	void foldersDotfilesAndNamesWithoutExtensionGetItAtTheEnd() {
		assertThat(TrashService.restoredName("Photos.2024", true, 1)).isEqualTo("Photos.2024 (restored)");
		assertThat(TrashService.restoredName(".bashrc", false, 3)).isEqualTo(".bashrc (restored 3)");
	}
}
