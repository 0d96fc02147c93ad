package org.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.hearth.platform.HearthProperties;
import org.hearth.storage.internal.DiskStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts appended in order do not wait for the disk, so a power cut can leave the stream shorter than the parts its
 * manifest lists. Such parts must count as absent, and the next part must follow the last one kept.
 */
class UploadStagingPowerCutTest {

	private static final long OWNER = 7;

	private static final String AREA = "upload-1";

	@TempDir
	Path dataDir;

	private UploadStaging staging;

	private final byte[] content = new byte[300_000];

	@BeforeEach
	void setUp() {
		HearthProperties properties = new HearthProperties(dataDir, "test");
		staging = new UploadStaging(new DiskStore(properties, new StorageProperties(true)), properties, Clock.systemUTC());
		staging.create(OWNER, AREA);
		new Random(7).nextBytes(content);
	}

	@Test
	void partsTheStreamLostAreAbsentAndTheNextPartFollowsTheLastKept() throws IOException {
		put("1", 0, 100_000);
		put("2", 100_000, 200_000);
		put("3", 200_000, 300_000);
		cutStreamTo(150_000);

		assertThat(names(staging.chunks(OWNER, AREA))).containsExactly("1");

		put("2", 100_000, 200_000);
		put("3", 200_000, 300_000);

		assertThat(staging.chunks(OWNER, AREA)).extracting(StagedChunk::size).containsOnly(100_000L);
		assertThat(staging.inOneFile(OWNER, AREA, List.of("1", "2", "3"))).isPresent();
		assertThat(Files.readAllBytes(areaDir().resolve(UploadStaging.STREAM))).isEqualTo(content);
		assertThat(Files.readAllLines(areaDir().resolve(UploadStaging.MANIFEST))).hasSize(3);
	}

	@Test
	void aStreamLostAltogetherLeavesNoPart() throws IOException {
		put("1", 0, 100_000);
		Files.delete(areaDir().resolve(UploadStaging.STREAM));

		assertThat(staging.chunks(OWNER, AREA)).isEmpty();

		put("1", 0, 100_000);
		assertThat(names(staging.chunks(OWNER, AREA))).containsExactly("1");
	}

	private void put(String name, int from, int to) {
		staging.put(OWNER, AREA, name, new ByteArrayInputStream(Arrays.copyOfRange(content, from, to)), Long.MAX_VALUE,
				Comparator.naturalOrder());
	}

	private void cutStreamTo(long length) throws IOException {
		try (FileChannel channel = FileChannel.open(areaDir().resolve(UploadStaging.STREAM), StandardOpenOption.WRITE)) {
			channel.truncate(length);
		}
	}

	private Path areaDir() {
		return dataDir.resolve(".hearth").resolve("uploads").resolve(Long.toString(OWNER)).resolve(AREA);
	}

	private static List<String> names(List<StagedChunk> chunks) {
		return chunks.stream().map(StagedChunk::name).toList();
	}
}
