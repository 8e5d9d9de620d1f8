package org.repaintstudio.app.masktools;

import java.util.List;

/** The registration of the Mask menu's commands: a new command is one class plus one line here. */
public final class MaskCommands {
    private MaskCommands() {}

    public static final List<MaskCommand> ALL = List.of(
            new GrowShrinkCommand(),
            new FeatherCommand(),
            new MaskFromAlphaCommand(),
            new ReusePreviousMaskCommand());
}
