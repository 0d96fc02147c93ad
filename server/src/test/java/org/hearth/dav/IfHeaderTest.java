package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class IfHeaderTest {

	private static final IfHeader.ResourceState LOCKED = new IfHeader.ResourceState("e1", Set.of("opaquelocktoken:t1"));

	@Test
	void aTokenAndEtagListHoldsWhenBothMatch() {
		IfHeader header = IfHeader.parse("(<opaquelocktoken:t1> [\"e1\"])");
		assertThat(header.holds(tag -> LOCKED)).isTrue();
		assertThat(header.tokens()).containsExactly("opaquelocktoken:t1");
		assertThat(IfHeader.parse("(<opaquelocktoken:t1> [\"other\"])").holds(tag -> LOCKED)).isFalse();
	}

	@Test
	void notNoLockAlwaysHoldsAndNoLockNever() {
		assertThat(IfHeader.parse("(Not <DAV:no-lock>)").holds(tag -> LOCKED)).isTrue();
		assertThat(IfHeader.parse("(<DAV:no-lock>)").holds(tag -> LOCKED)).isFalse();
	}

	@Test
	void anyListHolding() {
		IfHeader header = IfHeader.parse("(<opaquelocktoken:bad>) (Not <DAV:no-lock>)");
		assertThat(header.holds(tag -> LOCKED)).isTrue();
		assertThat(header.tokens()).contains("opaquelocktoken:bad");
	}

	@Test
	void taggedListsAskAboutTheirResource() {
		IfHeader header = IfHeader.parse("<http://h/other> ([\"e1\"])");
		assertThat(header.holds(tag -> "http://h/other".equals(tag) ? LOCKED : null)).isTrue();
		assertThat(header.holds(tag -> null)).isFalse();
	}

	@Test
	void garbageIsMalformed() {
		assertThatThrownBy(() -> IfHeader.parse("(<unterminated")).isInstanceOf(IfHeader.Malformed.class);
		assertThatThrownBy(() -> IfHeader.parse("nonsense")).isInstanceOf(IfHeader.Malformed.class);
	}
}
