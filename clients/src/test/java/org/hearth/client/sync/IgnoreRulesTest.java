package org.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {

	private static IgnoreRules rules(String... lines) {
		return IgnoreRules.parse(List.of(lines));
	}

	@Test
	void unanchoredPatternsMatchAtEveryDepth() {
		IgnoreRules r = rules("*.tmp");
		assertThat(r.ignored("x.tmp")).isTrue();
		assertThat(r.ignored("a/b/x.tmp")).isTrue();
		assertThat(r.ignored("x.tmpl")).isFalse();
		assertThat(r.ignored("a.tmp/keep.txt")).as("only the folder itself matches; the walker skips its content")
			.isFalse();
	}

	@Test
	void leadingSlashAnchorsToTheRoot() {
		IgnoreRules r = rules("/root-only");
		assertThat(r.ignored("root-only")).isTrue();
		assertThat(r.ignored("sub/root-only")).isFalse();
	}

	@Test
	void starStaysInOneSegmentAndDoubleStarCrossesThem() {
		IgnoreRules r = rules("/cache/*", "build/**");
		assertThat(r.ignored("cache/a")).isTrue();
		assertThat(r.ignored("cache/a/b")).isFalse();
		assertThat(r.ignored("build/a/b/c")).isTrue();
		assertThat(r.ignored("x/build/a")).isTrue();
		assertThat(r.ignored("build")).isFalse();
	}

	@Test
	void questionMarkClassesAndAlternatives() {
		IgnoreRules r = rules("IMG_000?.jpg", "[ab].txt", "*.{bak,old}");
		assertThat(r.ignored("IMG_0001.jpg")).isTrue();
		assertThat(r.ignored("IMG_00012.jpg")).isFalse();
		assertThat(r.ignored("a.txt")).isTrue();
		assertThat(r.ignored("c.txt")).isFalse();
		assertThat(r.ignored("x.old")).isTrue();
		assertThat(r.ignored("x.new")).isFalse();
	}

	@Test
	void firstMatchWinsSoNegationsGoFirst() {
		IgnoreRules r = rules("!important.log", "*.log");
		assertThat(r.ignored("important.log")).isFalse();
		assertThat(r.ignored("other.log")).isTrue();
		IgnoreRules later = rules("*.log", "!important.log");
		assertThat(later.ignored("important.log")).as("the earlier pattern already decided").isTrue();
	}

	@Test
	void caseInsensitivePrefix() {
		IgnoreRules r = rules("(?i)*.JPG", "*.Png");
		assertThat(r.ignored("a/photo.jpg")).isTrue();
		assertThat(r.ignored("photo.JpG")).isTrue();
		assertThat(r.ignored("x.png")).isFalse();
		assertThat(r.ignored("x.Png")).isTrue();
		assertThat(rules("!(?i)KEEP.txt", "*.txt").ignored("keep.TXT")).isFalse();
	}

	@Test
	void commentsAndBlankLinesAreSkipped() {
		IgnoreRules r = rules("# *.txt", "", "   ", "*.tmp");
		assertThat(r.ignored("a.txt")).isFalse();
		assertThat(r.ignored("a.tmp")).isTrue();
	}

	@Test
	void junkAndTheIgnoreFileItselfAreIgnoredByDefault() {
		IgnoreRules r = rules();
		for (String junk : List.of(".DS_Store", "a/Thumbs.db", "desktop.ini", "~$report.docx", "b/.hearth-1a2b.part",
				".hearthignore")) {
			assertThat(r.ignored(junk)).as(junk).isTrue();
		}
		assertThat(r.ignored("sub/.hearthignore")).as("only the root's ignore file is ours").isFalse();
		assertThat(r.ignored("photo.jpg")).isFalse();
		assertThat(rules("!Thumbs.db").ignored("Thumbs.db")).as("a negation brings junk back").isFalse();
		assertThat(rules("!.hearthignore").ignored(".hearthignore")).as("but never the ignore file").isTrue();
	}

	@Test
	void invalidPatternsNameTheirLine() {
		assertThatThrownBy(() -> rules("ok", "[unclosed")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("line 2");
		assertThatThrownBy(() -> rules("!/")).hasMessageContaining("line 1");
	}

	@Test
	void loadsTheFileAtTheRoot(@TempDir Path root) throws IOException {
		assertThat(IgnoreRules.load(root).ignored("x.tmp")).isFalse();
		Files.writeString(root.resolve(".hearthignore"), "*.tmp\n");
		assertThat(IgnoreRules.load(root).ignored("x.tmp")).isTrue();
	}
}
