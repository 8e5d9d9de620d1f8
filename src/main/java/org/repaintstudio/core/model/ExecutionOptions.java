package org.repaintstudio.core.model;

import org.repaintstudio.core.UserFacingException;

/**
 * How ONNX Runtime runs a model: the provider (CPU or a GPU), the device number for providers with
 * several devices, and the CPU threads (0 = one per core). Every front end builds one of these;
 * nothing else carries execution settings.
 */
public record ExecutionOptions(ExecutionProvider provider, int deviceId, int threads) {
    /** More threads than this many per core only add contention. */
    public static final int MAX_THREADS_PER_CORE = 4;

    public ExecutionOptions {
        if (provider == null) {
            throw new IllegalArgumentException("provider");
        }
        checkThreads(threads);
        if (deviceId < 0) {
            throw new UserFacingException("The device number must be 0 or more, not " + deviceId + ".");
        }
    }

    /** The CPU with one thread per core. */
    public static ExecutionOptions cpu() {
        return new ExecutionOptions(ExecutionProvider.cpu(), 0, 0);
    }

    public static ExecutionOptions cpu(int threads) {
        return new ExecutionOptions(ExecutionProvider.cpu(), 0, threads);
    }

    /** Parses {@code cpu}, {@code cuda} or {@code cuda:N}. */
    public static ExecutionOptions parse(String device, int threads) {
        String text = device == null || device.isBlank() ? "cpu" : device.trim();
        int colon = text.indexOf(':');
        ExecutionProvider provider = ExecutionProvider.byId(colon < 0 ? text : text.substring(0, colon));
        int id = 0;
        if (colon >= 0) {
            if (!provider.hasDevices()) {
                throw new UserFacingException("The " + provider.id() + " device takes no number: use --device "
                        + provider.id() + ".");
            }
            try {
                id = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UserFacingException("'" + text + "' is not a device: use " + provider.id() + " or "
                        + provider.id() + ":N with a device number N.");
            }
        }
        return new ExecutionOptions(provider, id, threads);
    }

    /** Threads must be 0 (one per core) or 1 to a few per core. */
    public static void checkThreads(int threads) {
        int max = maxThreads();
        if (threads < 0 || threads > max) {
            throw new UserFacingException("Threads must be 0 (one per core) or 1 to " + max + " on this machine, not "
                    + threads + ".");
        }
    }

    public static int maxThreads() {
        return Runtime.getRuntime().availableProcessors() * MAX_THREADS_PER_CORE;
    }

    /** The intra-op thread count the session gets. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** {@code cpu}, {@code cuda:0}: for logs, metadata and the speed cache key. */
    public String deviceName() {
        return provider.hasDevices() ? provider.id() + ":" + deviceId : provider.id();
    }

    public boolean isCpu() {
        return provider == ExecutionProvider.cpu();
    }

    public ExecutionOptions onCpu() {
        return new ExecutionOptions(ExecutionProvider.cpu(), 0, threads);
    }
}
