package org.repaintstudio.core.convert;

import java.util.Locale;
import java.util.Optional;

/** Element types of the safetensors format; only the floating ones can be read as float32. */
public enum SafetensorsDType {
    F32(4, true), F16(2, true), BF16(2, true),
    F64(8, false), I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false),
    U16(2, false), U32(4, false), U64(8, false), BOOL(1, false), F8_E4M3(1, false), F8_E5M2(1, false);

    private final int byteSize;
    private final boolean readableAsFloat;

    SafetensorsDType(int byteSize, boolean readableAsFloat) {
        this.byteSize = byteSize;
        this.readableAsFloat = readableAsFloat;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean readableAsFloat() {
        return readableAsFloat;
    }

    static Optional<SafetensorsDType> parse(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
