package org.repaintstudio.app.util;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.repaintstudio.core.ErrorTranslator;
import org.repaintstudio.core.UserFacingException;

/** Turns any failure into one sentence for a dialog; the stack trace belongs in the log. */
public final class ErrorMessages {
    private ErrorMessages() {}

    public static String describe(String action, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof UserFacingException u && u.getMessage() != null) {
            return ErrorTranslator.sentence(u); // the sentence without any library text the message carried
        }
        if (e instanceof OutOfMemoryError) {
            return "There was not enough memory to " + action + "; try a smaller image or fewer samples.";
        }
        String where = AppLog.logFile() != null ? " The details are in " + AppLog.logFile() + "." : "";
        return "Something went wrong while trying to " + action + "." + where;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException
                || (t instanceof RuntimeException && !(t instanceof UserFacingException)
                && t.getCause() instanceof UserFacingException)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
