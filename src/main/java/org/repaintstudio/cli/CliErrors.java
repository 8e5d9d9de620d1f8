package org.repaintstudio.cli;

import picocli.CommandLine;

import org.repaintstudio.core.ErrorTranslator;
import org.repaintstudio.core.UserFacingException;

/** Turns failures into one clear sentence on stderr and a non-zero exit, never a stack trace. */
public final class CliErrors {
    private CliErrors() {}

    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            cl.getErr().println("Error: " + describe(ex));
            cl.getErr().flush();
            if (Boolean.getBoolean("repaint.debug")) {
                ex.printStackTrace(cl.getErr());
            }
            return ex instanceof UserFacingException u ? u.exitCode() : 1;
        }
    }

    /** A mistyped command line: the problem and where to look, without the full usage text. */
    static int handleParameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String msg = ex.getMessage();
        cl.getErr().println("Error: " + (msg.endsWith(".") ? msg : msg + "."));
        cl.getErr().println("See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        cl.getErr().flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The single sentence shown to a user for an exception. */
    public static String describe(Throwable ex) {
        return ErrorTranslator.sentence(ex);
    }
}
