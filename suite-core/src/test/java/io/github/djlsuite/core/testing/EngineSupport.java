package io.github.djlsuite.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Test helpers shared by every module: the engines every Block is tested on, forward passes
 * without a Trainer, cross-engine parameter copies and gradient checks.
 *
 * <p>Use with {@code @ParameterizedTest @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")}.
 */
public final class EngineSupport {

    /** The engines the suite supports; every Block test runs on each. */
    public static final String[] ENGINES = {"PyTorch", "MXNet"};

    private EngineSupport() {}

    /** Engine names for {@code @MethodSource}. */
    public static Stream<String> engines() {
        return Stream.of(ENGINES);
    }

    /** A new base manager on the named engine (CPU), seeded for repeatable initialisation. */
    public static NDManager manager(String engine, long seed) {
        Engine e = Engine.getEngine(engine);
        e.setRandomSeed((int) seed);
        return e.newBaseManager();
    }

    /** Inference-mode forward pass without a Trainer. */
    public static NDList forward(Block block, NDManager manager, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false);
    }

    /** Initialises {@code block} on {@code manager} for the given input shapes (float32). */
    public static void initialize(Block block, NDManager manager, Shape... inputShapes) {
        block.initialize(manager, DataType.FLOAT32, inputShapes);
    }

    /** Serialises the block's parameters (DJL's engine-neutral format). */
    public static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream os = new DataOutputStream(bytes)) {
            block.saveParameters(os);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Loads parameters written by {@link #saveParameters} (possibly on another engine). */
    public static void loadParameters(Block block, NDManager manager, byte[] parameters) {
        try (DataInputStream is = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, is);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds the block on each engine with the same parameters and returns the max absolute
     * difference of the first output between PyTorch and MXNet.
     *
     * @param blockFactory builds a fresh, identical block
     * @param input        input values (row-major) and shape, created on each engine
     */
    public static double crossEngineMaxDiff(
            Supplier<Block> blockFactory, float[] input, Shape inputShape) {
        Block first = blockFactory.get();
        float[] reference;
        byte[] params;
        try (NDManager m = manager(ENGINES[0], 7)) {
            initialize(first, m, inputShape);
            params = saveParameters(first);
            reference = forward(first, m, m.create(input, inputShape)).head().toFloatArray();
        }
        Block second = blockFactory.get();
        try (NDManager m = manager(ENGINES[1], 7)) {
            initialize(second, m, inputShape);
            loadParameters(second, m, params);
            float[] other = forward(second, m, m.create(input, inputShape)).head().toFloatArray();
            assertEquals(reference.length, other.length, "output sizes differ between engines");
            double max = 0;
            for (int i = 0; i < other.length; i++) {
                max = Math.max(max, Math.abs(reference[i] - other[i]));
            }
            return max;
        }
    }

    /**
     * Runs a training-mode forward pass, back-propagates the sum of the first output and returns
     * the L2 norm of each trainable parameter's gradient, keyed by parameter name (parameters
     * built with {@code optRequiresGrad(false)}, such as masks, are left out).
     */
    public static Map<String, Double> gradientNorms(Block block, NDManager manager, NDArray... inputs) {
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(inputs), true).head();
            gc.backward(out.sum());
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!p.getValue().requiresGradient()) {
                continue;
            }
            NDArray g = p.getValue().getArray().getGradient();
            norms.put(p.getKey(), (double) g.norm().getFloat());
        }
        return norms;
    }

    /** Asserts element-wise closeness with a message naming the first bad index. */
    public static void assertAllClose(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                fail("index " + i + ": expected " + expected[i] + " but was " + actual[i] + " (tol " + tol + ")");
            }
        }
    }
}
