package org.hearth.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class DavPathsTest {

	@Test
	void encodesEverySpecialCharacterOfASegment() {
		assertThat(DavPaths.encodeSegment("a b+c#d%e[f]g?h;i&j=k")).isEqualTo("a%20b%2Bc%23d%25e%5Bf%5Dg%3Fh%3Bi%26j%3Dk");
		assertThat(DavPaths.encodeSegment("Grüße ✓.txt")).isEqualTo("Gr%C3%BC%C3%9Fe%20%E2%9C%93.txt");
		assertThat(DavPaths.encodeSegment("emoji 😀")).isEqualTo("emoji%20%F0%9F%98%80");
		assertThat(DavPaths.encodeSegment("Safe-._~09AZaz")).isEqualTo("Safe-._~09AZaz");
	}

	@Test
	void encodesPathsSegmentBySegmentKeepingSlashes() {
		assertThat(DavPaths.encodePath("/My Docs/a+b/#1 [draft].txt")).isEqualTo("/My%20Docs/a%2Bb/%231%20%5Bdraft%5D.txt");
		assertThat(DavPaths.encodePath("/")).isEqualTo("/");
		assertThat(DavPaths.encodePath("")).isEqualTo("/");
	}

	@Test
	void encodedPathIsAValidUriPathThatDecodesBackToTheOriginal() {
		String original = "/Fotos 2024/Grüße + #1 [x] 100%.txt";
		String encoded = DavPaths.encodePath(original);
		URI uri = URI.create("http://host/remote.php/dav/files/u" + encoded);
		assertThat(uri.getPath()).isEqualTo("/remote.php/dav/files/u" + original);
		assertThat(uri.getRawFragment()).isNull();
		assertThat(uri.getRawQuery()).isNull();
	}

	@Test
	void decodeKeepsPlusSignsAndDecodesUtf8() {
		assertThat(DavPaths.decode("a+b%20c")).isEqualTo("a+b c");
		assertThat(DavPaths.decode("Gr%C3%BC%C3%9Fe")).isEqualTo("Grüße");
		assertThat(DavPaths.decode("100%")).isEqualTo("100%");
		assertThat(DavPaths.decode("%zz%4")).isEqualTo("%zz%4");
		assertThat(DavPaths.decode("lax ü#")).isEqualTo("lax ü#");
	}

	@Test
	void roundTripsArbitraryNames() {
		for (String name : new String[] { "a b", "+", "#", "%", "%25", "[]", "ü", "日本語", "a/b".replace('/', '_'),
				"😀+😀" }) {
			assertThat(DavPaths.decode(DavPaths.encodeSegment(name))).isEqualTo(name);
		}
	}

	@Test
	void normalizesUserInput() {
		assertThat(DavPaths.normalize(null)).isEqualTo("/");
		assertThat(DavPaths.normalize("")).isEqualTo("/");
		assertThat(DavPaths.normalize("/")).isEqualTo("/");
		assertThat(DavPaths.normalize("a//b/")).isEqualTo("/a/b");
		assertThat(DavPaths.normalize("/a b/c+d")).isEqualTo("/a b/c+d");
		assertThat(DavPaths.endsWithSlash("docs/")).isTrue();
		assertThat(DavPaths.endsWithSlash("docs")).isFalse();
	}

	@Test
	void rejectsDotSegments() {
		assertThatThrownBy(() -> DavPaths.normalize("/a/../b")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DavPaths.normalize("./a")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DavPaths.child("/", "..")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DavPaths.child("/", "a/b")).isInstanceOf(IllegalArgumentException.class);
		assertThat(DavPaths.normalize("/a/..b/c.")).isEqualTo("/a/..b/c.");
	}

	@Test
	void namesParentsAndChildren() {
		assertThat(DavPaths.name("/a/b c")).isEqualTo("b c");
		assertThat(DavPaths.name("/")).isEmpty();
		assertThat(DavPaths.parent("/a/b")).isEqualTo("/a");
		assertThat(DavPaths.parent("/a")).isEqualTo("/");
		assertThat(DavPaths.child("/", "x")).isEqualTo("/x");
		assertThat(DavPaths.child("/a", "x#1")).isEqualTo("/a/x#1");
	}

	@Test
	void hrefPathAcceptsAbsoluteUrlsAndPaths() {
		assertThat(DavPaths.hrefPath("/remote.php/dav/files/u/a%20b/")).isEqualTo("/remote.php/dav/files/u/a b/");
		assertThat(DavPaths.hrefPath("https://cloud.example:8443/nc/remote.php/dav/files/u/x%2By"))
			.isEqualTo("/nc/remote.php/dav/files/u/x+y");
		assertThat(DavPaths.hrefPath("http://host")).isEqualTo("/");
	}

	@Test
	void relativePathsOfHrefs() {
		String root = "/remote.php/dav/files/alice";
		assertThat(DavPaths.relativePath(root, "/remote.php/dav/files/alice/")).isEqualTo("/");
		assertThat(DavPaths.relativePath(root, "/remote.php/dav/files/alice")).isEqualTo("/");
		assertThat(DavPaths.relativePath(root, "/remote.php/dav/files/alice/A%20B/c%23d/")).isEqualTo("/A B/c#d");
		assertThat(DavPaths.relativePath(root, "/remote.php/dav/files/alice2/x")).isNull();
		assertThat(DavPaths.relativePath(root, "/elsewhere")).isNull();
	}
}
