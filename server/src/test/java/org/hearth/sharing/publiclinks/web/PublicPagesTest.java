package org.hearth.sharing.publiclinks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.junit.jupiter.api.Test;

class PublicPagesTest {

	private static Node file(String name, long size) {
		return new Node(1, 0, null, name, StoragePath.ROOT.child(name), false, size, 0, 0, "e", null, "image/jpeg");
	}

	@Test
	void namesAreEscapedInTextAndInLinks() {
		String page = PublicPages.folder("tok", "Shared", StoragePath.ROOT,
				List.of(file("<img src=x onerror=alert(1)>&\"q\".jpg", 5)), true);
		assertThat(page).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;q&quot;.jpg");
		assertThat(page).contains("/index.php/s/tok/download?path=/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%26%22q%22.jpg");
	}

	@Test
	void hiddenDownloadsLeaveNamesWithoutLinks() {
		String page = PublicPages.folder("tok", "Shared", StoragePath.ROOT, List.of(file("a.jpg", 5)), false);
		assertThat(page).contains("a.jpg").doesNotContain("/download");
	}

	@Test
	void sizesReadLikeAFileManagers() {
		assertThat(PublicPages.size(11)).isEqualTo("11 B");
		assertThat(PublicPages.size(1536)).isEqualTo("1.5 KB");
		assertThat(PublicPages.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GB");
	}
}
