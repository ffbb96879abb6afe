package io.github.djlsuite.ctr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.util.function.Supplier;

/** Test inputs built from {@link PlantedCtr}: value ids shifted by +2 so PAD and OOV stay reserved. */
public final class CtrTestData {

    private CtrTestData() {}

    /** The layout of planted data: vocab + 2 per field, one label "click". */
    public static CtrLayout layout(PlantedCtr.Data d) {
        int[] v = d.vocabSizes().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += 2;
        }
        return CtrLayout.categorical(v, "click");
    }

    /** Rows {@code from..to-1} as layout ids (value + 2), row-major. */
    public static int[] ids(PlantedCtr.Data d, int from, int to) {
        int f = d.numFields();
        int[] out = new int[(to - from) * f];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.rows()[from * f + i] + 2;
        }
        return out;
    }

    /** Rows {@code from..to-1} as a (B, F) int32 array. */
    public static NDArray batch(NDManager m, PlantedCtr.Data d, int from, int to) {
        return m.create(ids(d, from, to), new Shape(to - from, d.numFields()));
    }

    /**
     * Max |PyTorch − MXNet| of the first output for the same parameters and integer inputs (the
     * first input int32 (B, C), further inputs float32 given as float arrays).
     */
    public static double crossEngineMaxDiff(Supplier<Block> factory, int[] ids, Shape idShape) {
        Block a = factory.get();
        float[] ref;
        byte[] params;
        try (NDManager m = EngineSupport.manager("PyTorch", 7)) {
            EngineSupport.initialize(a, m, idShape);
            params = EngineSupport.saveParameters(a);
            ref = EngineSupport.forward(a, m, m.create(ids, idShape)).head().toFloatArray();
        }
        Block b = factory.get();
        try (NDManager m = EngineSupport.manager("MXNet", 7)) {
            EngineSupport.initialize(b, m, idShape);
            EngineSupport.loadParameters(b, m, params);
            float[] other = EngineSupport.forward(b, m, m.create(ids, idShape)).head().toFloatArray();
            double max = 0;
            for (int i = 0; i < ref.length; i++) {
                max = Math.max(max, Math.abs(ref[i] - other[i]));
            }
            return ref.length == other.length ? max : Double.POSITIVE_INFINITY;
        }
    }

    /** Forward in inference mode. */
    public static NDList forward(Block block, NDManager m, NDArray... inputs) {
        return EngineSupport.forward(block, m, inputs);
    }
}
