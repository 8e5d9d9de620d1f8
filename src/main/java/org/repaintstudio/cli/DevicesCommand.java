package org.repaintstudio.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtEpDevice;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.repaintstudio.core.model.ExecutionProvider;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Lists the execution providers this build of ONNX Runtime offers and the devices it sees,",
                "and which of them --device can use."})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        out.println("--device choices:");
        for (ExecutionProvider p : ExecutionProvider.ALL) {
            String state = p.isCompiledIn() ? "available" : "not in this build (CPU-only; build with mvn -Pcuda)";
            String example = p.hasDevices() ? p.id() + "[:N]" : p.id();
            out.printf("  %-10s %s%s%n", example, state,
                    p.id().equals("cpu") ? " · " + Runtime.getRuntime().availableProcessors() + " cores" : "");
        }
        out.println("ONNX Runtime providers: " + available);
        out.println("Devices:");
        for (String line : deviceLines()) {
            out.println("  " + line);
        }
        out.flush();
        return 0;
    }

    /** The hardware ONNX Runtime's plug-in device list reports, or the CPU alone if it reports none. */
    private static List<String> deviceLines() {
        try {
            List<OrtEpDevice> devices = OrtEnvironment.getEnvironment().getEpDevices();
            if (!devices.isEmpty()) {
                return devices.stream().map(d -> d.getEpName() + ": " + d.getDevice().getType() + " "
                        + d.getDevice().getVendor() + " (device id " + d.getDevice().getDeviceId() + ")").toList();
            }
        } catch (OrtException | RuntimeException e) {
            // Older runtimes have no device list; the CPU is always there.
        }
        return List.of("CPU: " + Runtime.getRuntime().availableProcessors() + " cores");
    }
}
