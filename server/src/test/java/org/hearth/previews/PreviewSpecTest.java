package org.hearth.previews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.previews.PreviewSpec.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewSpecTest {

	@ParameterizedTest
	@CsvSource({ "32, 32, 64, 64", "64, 64, 64, 64", "65, 65, 256, 256", "384, 384, 1024, 1024", "540, 1200, 461, 1024",
			"4000, 4000, 1024, 1024", "200, 100, 256, 128", "300, 150, 1024, 512" })
	void theLongerSideRoundsUpToTheNextBucketAndTheShapeIsKept(int x, int y, int width, int height) {
		PreviewSpec box = new PreviewSpec(x, y, Fit.CONTAIN).bucketed();
		assertThat(box.width() + "x" + box.height()).isEqualTo(width + "x" + height);
		assertThat(box.fit()).isEqualTo(Fit.CONTAIN);
	}

	@Test
	void aBoxNeedsPositiveSidesAndAFit() {
		assertThatThrownBy(() -> new PreviewSpec(0, 64, Fit.CROP)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new PreviewSpec(64, -1, Fit.CROP)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new PreviewSpec(64, 64, null)).isInstanceOf(IllegalArgumentException.class);
	}
}
