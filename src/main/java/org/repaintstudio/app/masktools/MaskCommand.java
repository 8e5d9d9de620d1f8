package org.repaintstudio.app.masktools;

import java.util.function.IntFunction;

import org.repaintstudio.app.document.DocumentViewModel;

/**
 * A whole-mask command of the Mask menu (grow, feather, mask from alpha, …): one class each plus
 * a line in {@link MaskCommands}. A command computes the new mask from the recorded one; the
 * window previews it live while an amount is chosen and records it as one undoable step.
 */
public interface MaskCommand {
    /** The amount a command asks for, e.g. pixels to grow by; {@code null} for none. */
    record Amount(String question, int min, int max, int initial) {}

    String id();

    /** Menu label, e.g. "Grow or shrink…". */
    String label();

    /** The undo entry, e.g. "Grow mask by 4 px". */
    String undoLabel(int amount);

    Amount amount();

    /**
     * Prepares the command on the document's recorded mask, doing once the work that does not
     * depend on the amount. Returns the mask per amount, or throws
     * {@link org.repaintstudio.core.UserFacingException} with one sentence when it cannot run.
     */
    IntFunction<byte[]> prepare(DocumentViewModel document);
}
