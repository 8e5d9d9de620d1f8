package org.repaintstudio.core.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Seeded byte and JSON-number mutations, the kind a damaged download or a hostile file brings. */
final class Mutator {
    private static final byte[] INTERESTING_BYTES = {0, -1, 0x7F, (byte) 0x80, 1, 0x20};
    private static final int[] INTERESTING_INTS = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x10000, 0x7FFF_FFF0};
    private static final String[] INTERESTING_NUMBERS = {"0", "-1", "1", "1e9", "2147483648", "1e308", "-0.5",
            "100000", "3", "65536", "null", "\"x\"", "[]", "[1e9, 1e9]", "true"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private Mutator() {}

    /** One to four byte-level mutations of {@code in}. */
    static byte[] bytes(byte[] in, SplittableRandom rnd) {
        byte[] b = in;
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n && b.length > 0; k++) {
            b = once(b, rnd);
        }
        return b;
    }

    private static byte[] once(byte[] in, SplittableRandom rnd) {
        byte[] b = in.clone();
        int pos = rnd.nextInt(b.length);
        switch (rnd.nextInt(8)) {
            case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b[pos] = INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
            case 2 -> {
                // a 32-bit big- or little-endian integer: sizes, lengths, offsets
                int v = INTERESTING_INTS[rnd.nextInt(INTERESTING_INTS.length)];
                for (int i = 0; i < 4 && pos + i < b.length; i++) {
                    b[pos + i] = (byte) (rnd.nextBoolean() ? v >>> (24 - 8 * i) : v >>> (8 * i));
                }
            }
            case 3 -> b = Arrays.copyOf(b, pos); // truncate
            case 4 -> { // delete a run
                int len = Math.min(b.length - pos, 1 + rnd.nextInt(16));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(b, pos + len, out, pos, b.length - pos - len);
                b = out;
            }
            case 5 -> { // duplicate a run
                int len = Math.min(b.length - pos, 1 + rnd.nextInt(64));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, pos + len);
                System.arraycopy(b, pos, out, pos + len, b.length - pos);
                b = out;
            }
            case 6 -> { // random run
                int len = Math.min(b.length - pos, 1 + rnd.nextInt(8));
                for (int i = 0; i < len; i++) {
                    b[pos + i] = (byte) rnd.nextInt(256);
                }
            }
            default -> { // copy a run from elsewhere
                int from = rnd.nextInt(b.length);
                int len = Math.min(Math.min(b.length - pos, b.length - from), 1 + rnd.nextInt(32));
                System.arraycopy(in, from, b, pos, len);
            }
        }
        return b;
    }

    /** Replaces one JSON number with an interesting value, or falls back to a byte mutation. */
    static byte[] json(byte[] in, SplittableRandom rnd) {
        if (rnd.nextInt(3) == 0) {
            return bytes(in, rnd);
        }
        String s = new String(in, StandardCharsets.UTF_8);
        Matcher m = NUMBER.matcher(s);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return bytes(in, rnd);
        }
        int target = rnd.nextInt(count);
        m.reset();
        for (int i = 0; i <= target; i++) {
            m.find();
        }
        String replaced = s.substring(0, m.start()) + INTERESTING_NUMBERS[rnd.nextInt(INTERESTING_NUMBERS.length)]
                + s.substring(m.end());
        return replaced.getBytes(StandardCharsets.UTF_8);
    }
}
