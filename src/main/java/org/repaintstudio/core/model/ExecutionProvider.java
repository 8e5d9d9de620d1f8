package org.repaintstudio.core.model;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

import org.repaintstudio.core.UserFacingException;

/**
 * Where ONNX Runtime runs the UNet: the CPU, or a GPU through an execution provider. A new
 * provider is one implementation plus one entry in {@link #ALL}.
 */
public interface ExecutionProvider {
    /** The provider list; the first is the default. */
    List<ExecutionProvider> ALL = List.of(new CpuProvider(), new CudaProvider());

    /** Id in {@code --device ID[:N]} and saved settings. */
    String id();

    /** The ONNX Runtime provider this needs in the native library. */
    OrtProvider ortProvider();

    /** Whether the provider may have several devices (a {@code :N} suffix). */
    boolean hasDevices();

    /**
     * Adds the provider to the session options. Throws one sentence naming what is missing when the
     * native library lacks it or its runtime libraries are absent.
     */
    void addTo(OrtSession.SessionOptions options, int deviceId);

    /** Whether the loaded ONNX Runtime library was built with this provider. */
    default boolean isCompiledIn() {
        return OrtEnvironment.getAvailableProviders().contains(ortProvider());
    }

    default boolean isCpu() {
        return ortProvider() == OrtProvider.CPU;
    }

    static ExecutionProvider cpu() {
        return ALL.get(0);
    }

    static ExecutionProvider byId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (ExecutionProvider p : ALL) {
            if (p.id().equals(wanted)) {
                return p;
            }
        }
        throw new UserFacingException("Unknown device '" + id + "'; use one of: "
                + ALL.stream().map(ExecutionProvider::id).collect(Collectors.joining(", ")) + ".");
    }

    /** The CPU provider ONNX Runtime always has. */
    final class CpuProvider implements ExecutionProvider {
        @Override
        public String id() {
            return "cpu";
        }

        @Override
        public OrtProvider ortProvider() {
            return OrtProvider.CPU;
        }

        @Override
        public boolean hasDevices() {
            return false;
        }

        @Override
        public void addTo(OrtSession.SessionOptions options, int deviceId) {
            // ONNX Runtime uses the CPU provider by default; nothing to add.
        }
    }

    /**
     * NVIDIA GPUs through CUDA. Needs the {@code onnxruntime_gpu} build (Maven profile {@code -Pcuda})
     * and, at run time, the CUDA 12 runtime and cuDNN 9 on the library path.
     */
    final class CudaProvider implements ExecutionProvider {
        @Override
        public String id() {
            return "cuda";
        }

        @Override
        public OrtProvider ortProvider() {
            return OrtProvider.CUDA;
        }

        @Override
        public boolean hasDevices() {
            return true;
        }

        @Override
        public void addTo(OrtSession.SessionOptions options, int deviceId) {
            if (!isCompiledIn()) {
                throw new UserFacingException("This is a CPU-only build of RePaint Studio: CUDA needs the GPU "
                        + "variant (built with mvn -Pcuda) together with the CUDA 12 runtime and cuDNN 9.");
            }
            try {
                options.addCUDA(deviceId);
            } catch (OrtException | RuntimeException e) {
                throw new UserFacingException("CUDA device " + deviceId + " could not be used: the CUDA 12 runtime "
                        + "and cuDNN 9 libraries (or the GPU itself) were not found.", e);
            }
        }
    }
}
