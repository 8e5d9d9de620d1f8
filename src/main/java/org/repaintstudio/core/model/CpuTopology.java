package org.repaintstudio.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Physical cores and CPU identity, read from Linux's sysfs and /proc where they exist. Elsewhere
 * (and in containers that hide them) the logical CPU count stands in for the cores.
 */
final class CpuTopology {
    private static final Path SYS_CPU = Path.of("/sys/devices/system/cpu");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuTopology() {
    }

    /** Physical cores this process may use: distinct core sibling sets, capped by the logical CPUs Java sees. */
    static int physicalCores() {
        int logical = Runtime.getRuntime().availableProcessors();
        int cores = coresFromSysfs(SYS_CPU);
        return cores > 0 ? Math.min(cores, logical) : logical;
    }

    /** Number of distinct {@code thread_siblings_list} sets under {@code cpuRoot}, or 0 if unreadable. */
    static int coresFromSysfs(Path cpuRoot) {
        if (!Files.isDirectory(cpuRoot)) {
            return 0;
        }
        Set<String> siblingSets = new HashSet<>();
        try (Stream<Path> cpus = Files.list(cpuRoot)) {
            for (Path cpu : (Iterable<Path>) cpus::iterator) {
                if (!cpu.getFileName().toString().matches("cpu\\d+")) {
                    continue;
                }
                Path siblings = cpu.resolve("topology/thread_siblings_list");
                if (Files.isReadable(siblings)) {
                    siblingSets.add(Files.readString(siblings).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return siblingSets.size();
    }

    /** The CPU model and feature flags, so a cached graph laid out for one CPU is not used on another. */
    static String identity() {
        String arch = System.getProperty("os.arch") + " " + System.getProperty("os.name");
        try {
            List<String> lines = Files.readAllLines(CPUINFO);
            String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst().orElse("");
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            return arch + "|" + model + "|" + flags;
        } catch (IOException | RuntimeException e) {
            return arch;
        }
    }
}
