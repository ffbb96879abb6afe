package io.github.djlsuite.core;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the engine and device for a run: the {@code --engine}/{@code --device} flags, then the
 * {@code SUITE_ENGINE} / {@code SUITE_DEVICE} environment variables, then PyTorch on the CPU.
 *
 * <p>With both engines on the class path DJL's own default is MXNet, so the suite always names the
 * engine explicitly. {@link #prepareProcess()} sets the offline and thread settings that must be in
 * place before DJL's {@link Engine} class is first touched.
 */
public final class Backends {

    /** The engines the suite supports, in order of preference. */
    public static final List<String> SUPPORTED = List.of("PyTorch", "MXNet");

    /** Engine used when neither a flag nor {@code SUITE_ENGINE} names one. */
    public static final String DEFAULT_ENGINE = "PyTorch";

    private static final Map<String, String> INSTALL_HINT = Map.of(
            "PyTorch", "ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 and "
                    + "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64",
            "MXNet", "ai.djl.mxnet:mxnet-engine and ai.djl.mxnet:mxnet-native-mkl:1.9.1:linux-x86_64");

    private Backends() {}

    /**
     * Sets process-wide defaults before any engine starts: offline mode (natives come from the
     * class path, nothing is downloaded), no telemetry, one PyTorch inter-op thread (measured
     * fastest on small CPUs). Values the user already set are kept.
     */
    public static void prepareProcess() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // DJL reads OPT_OUT_TRACKING as an environment variable or system property
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    /**
     * Resolves the backend from explicit options, then the environment, then the default.
     *
     * @param engineOption the {@code --engine} value or null
     * @param deviceOption the {@code --device} value ({@code cpu}, {@code gpu}, {@code gpu:N}) or null
     * @throws IllegalArgumentException with one sentence on what to install or change
     */
    public static Backend resolve(String engineOption, String deviceOption) {
        String engine = canonicalEngine(firstNonBlank(engineOption, env("SUITE_ENGINE"), DEFAULT_ENGINE));
        String deviceText = firstNonBlank(deviceOption, env("SUITE_DEVICE"), "cpu");
        if (!Engine.hasEngine(engine)) {
            throw new IllegalArgumentException("engine " + engine + " is not on the class path: add "
                    + INSTALL_HINT.get(engine) + " (the suite-cli build ships both engines)");
        }
        Device device = parseDevice(deviceText);
        if (device.isGpu()) {
            int gpus = Engine.getEngine(engine).getGpuCount();
            if (device.getDeviceId() >= gpus) {
                throw new IllegalArgumentException("no " + device + " visible to " + engine + " ("
                        + gpus + " GPUs found): this build has CPU natives only ("
                        + (engine.equals("PyTorch") ? "pytorch-native-cpu" : "mxnet-native-mkl")
                        + "); run with --device cpu");
            }
        }
        return new Backend(engine, device);
    }

    /**
     * Makes {@code backend}'s engine DJL's process default as well, so that third-party code which
     * calls {@code Engine.getInstance()} (basicdataset builders, for one) agrees with the suite.
     */
    public static void makeDefault(Backend backend) {
        System.setProperty("ai.djl.default_engine", backend.engineName());
    }

    /** Maps a case-insensitive engine name to DJL's spelling; rejects unknown names. */
    public static String canonicalEngine(String name) {
        for (String s : SUPPORTED) {
            if (s.equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "': choose one of " + SUPPORTED);
    }

    /** Parses {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public static Device parseDevice(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return Device.cpu();
        }
        if (t.equals("gpu") || t.equals("cuda")) {
            return Device.gpu(0);
        }
        if (t.startsWith("gpu:") || t.startsWith("cuda:")) {
            String id = t.substring(t.indexOf(':') + 1);
            try {
                int n = Integer.parseInt(id);
                if (n >= 0) {
                    return Device.gpu(n);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "': use cpu, gpu or gpu:N");
    }

    /** What {@code suite engines} prints: one line per supported engine. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (String name : SUPPORTED) {
            if (!Engine.hasEngine(name)) {
                lines.add(String.format("%-8s not installed (add %s)", name, INSTALL_HINT.get(name)));
                continue;
            }
            try {
                Engine e = Engine.getEngine(name);
                int gpus = e.getGpuCount();
                StringBuilder devices = new StringBuilder("cpu()");
                for (int i = 0; i < gpus; i++) {
                    devices.append(", gpu(").append(i).append(')');
                }
                lines.add(String.format("%-8s %-8s devices: %s%s", name, e.getVersion(), devices,
                        name.equals(DEFAULT_ENGINE) ? "  (default)" : ""));
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                lines.add(String.format("%-8s failed to load: %s", name, e.getMessage()));
            }
        }
        return lines;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v != null ? v : System.getProperty(name);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
