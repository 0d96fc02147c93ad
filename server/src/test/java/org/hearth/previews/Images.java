package org.hearth.previews;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

/** Images made in the test, so no binary fixture is committed. */
public final class Images {

	private Images() {
	}

	/** A JPEG whose left half is {@code left} and right half {@code right}. */
	public static byte[] jpeg(int width, int height, Color left, Color right) {
		return encode(halves(width, height, left, right, BufferedImage.TYPE_INT_RGB), "jpg");
	}

	public static byte[] jpeg(int width, int height) {
		return jpeg(width, height, Color.RED, Color.BLUE);
	}

	/** The same two halves in another format ImageIO writes ({@code gif}, {@code bmp}). */
	public static byte[] encoded(int width, int height, String format) {
		return encode(halves(width, height, Color.RED, Color.BLUE, BufferedImage.TYPE_INT_RGB), format);
	}

	/**
	 * A 1×1 lossless WebP (the well-known feature-detection sample): nothing here writes WebP, and a test vector of
	 * 34 bytes is the smallest way to prove the server reads it.
	 */
	public static byte[] tinyWebp() {
		return java.util.Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
	}

	/** A PNG with a transparent right half. */
	public static byte[] pngWithAlpha(int width, int height) {
		return encode(halves(width, height, Color.GREEN, new Color(0, 0, 0, 0), BufferedImage.TYPE_INT_ARGB), "png");
	}

	/** A JPEG carrying EXIF Orientation {@code orientation} (6: the camera was turned, show it rotated 90° right). */
	public static byte[] jpegWithOrientation(int width, int height, Color left, Color right, int orientation) {
		byte[] plain = jpeg(width, height, left, right);
		byte[] tiff = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
				0, 0, 0, 0 };
		ByteArrayOutputStream app1 = new ByteArrayOutputStream();
		app1.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
		app1.writeBytes(tiff);
		int length = app1.size() + 2;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0xFF);
		out.write(0xD8);
		out.write(0xFF);
		out.write(0xE1);
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.writeBytes(app1.toByteArray());
		out.write(plain, 2, plain.length - 2);
		return out.toByteArray();
	}

	/**
	 * A valid PNG of {@code side} × {@code side} black pixels, one bit each: compressed it is tiny, decoded at full
	 * size it would take gigabytes.
	 */
	public static byte[] pngBomb(int side) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			DataOutputStream h = new DataOutputStream(header);
			h.writeInt(side);
			h.writeInt(side);
			h.write(new byte[] { 1, 0, 0, 0, 0 });
			chunk(out, "IHDR", header.toByteArray());
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, new Deflater(9))) {
				byte[] row = new byte[1 + (side + 7) / 8];
				for (int y = 0; y < side; y++) {
					z.write(row);
				}
			}
			chunk(out, "IDAT", compressed.toByteArray());
			chunk(out, "IEND", new byte[0]);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static BufferedImage read(byte[] bytes) {
		try {
			BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
			if (image == null) {
				throw new AssertionError("not an image: " + bytes.length + " bytes");
			}
			return image;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Whether the pixel is closer to {@code expected} than to any other primary colour. */
	public static boolean near(BufferedImage image, int x, int y, Color expected) {
		Color actual = new Color(image.getRGB(x, y), true);
		return Math.abs(actual.getRed() - expected.getRed()) < 60 && Math.abs(actual.getGreen() - expected.getGreen()) < 60
				&& Math.abs(actual.getBlue() - expected.getBlue()) < 60 && Math.abs(actual.getAlpha() - expected.getAlpha()) < 60;
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		DataOutputStream d = new DataOutputStream(out);
		d.writeInt(data.length);
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		d.write(name);
		d.write(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		d.writeInt((int) crc.getValue());
	}

	private static BufferedImage halves(int width, int height, Color left, Color right, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D g = image.createGraphics();
		g.setColor(left);
		g.fillRect(0, 0, width / 2, height);
		g.setComposite(java.awt.AlphaComposite.Src);
		g.setColor(right);
		g.fillRect(width / 2, 0, width - width / 2, height);
		g.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
