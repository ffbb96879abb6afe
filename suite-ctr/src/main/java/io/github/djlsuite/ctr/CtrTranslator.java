package io.github.djlsuite.ctr;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.djlsuite.datasets.ctr.CtrEncoder;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Translator for the suite's CTR models: a raw {@link CtrRow} in, the click probability of each
 * task out ({@code float[T]}, in the layout's label order).
 *
 * <p>Input: the row is encoded by the model's published {@link CtrEncoder} (vocabularies and
 * numeric scaling fitted on the training split; values never seen in training map to
 * {@link CtrLayout#OOV}, missing values to {@link CtrLayout#PAD}) into the model's inputs without
 * the batch axis: categorical ids int32 {@code (C)}, numeric float32 {@code (N)} when N &gt; 0, one
 * int32 {@code (L_s)} per sequence. {@link Batchifier#STACK} makes {@code (B, C)}, ... .
 *
 * <p>Output: the Block's logits z {@code (T)} per row become {@code p_t = 1 / (1 + exp(−z_t))},
 * computed in double precision.
 *
 * <p>The zoo creates it through {@link Factory}, which reads {@value CtrTraining#ENCODER_FILE} from
 * the model's folder ({@code model.getModelPath()}, already sha256-checked by the zoo) and refuses
 * an encoder whose layout differs from the model's.
 */
public final class CtrTranslator implements Translator<CtrRow, float[]> {

    private final CtrEncoder encoder;

    /** A translator encoding rows with {@code encoder}. */
    public CtrTranslator(CtrEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** The encoder. */
    public CtrEncoder encoder() {
        return encoder;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, CtrRow row) throws TranslateException {
        if (row == null) {
            throw new TranslateException("input row is null");
        }
        CtrEncoder.Encoded e;
        try {
            e = encoder.encode(row.values());
        } catch (IllegalArgumentException ex) {
            throw new TranslateException("cannot encode " + row + ": " + ex.getMessage(), ex);
        }
        NDList batched = e.toData(ctx.getNDManager());
        NDList out = new NDList(batched.size());
        for (NDArray a : batched) {
            out.add(a.reshape(a.getShape().slice(1))); // drop the batch axis of 1; STACK puts it back
        }
        return out;
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) throws TranslateException {
        float[] z = list.singletonOrThrow().toFloatArray();
        int tasks = encoder.layout().numTasks();
        if (z.length != tasks) {
            throw new TranslateException("the model returned " + z.length + " logits per row, the encoder has "
                    + tasks + " labels " + encoder.layout().labelNames());
        }
        float[] p = new float[tasks];
        for (int t = 0; t < tasks; t++) {
            p[t] = (float) (1 / (1 + Math.exp(-(double) z[t])));
        }
        return p;
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    /**
     * The factory the CTR architectures give the zoo ({@code Architecture.translatorFactory}):
     * {@code (CtrRow, float[])}.
     */
    public static final class Factory implements TranslatorFactory {

        @Override
        public Set<Pair<Type, Type>> getSupportedTypes() {
            return Set.of(new Pair<>(CtrRow.class, float[].class));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model,
                Map<String, ?> arguments) throws TranslateException {
            if (input != CtrRow.class || output != float[].class) {
                throw new TranslateException("CTR models translate CtrRow to float[], not " + input.getSimpleName()
                        + " to " + output.getSimpleName());
            }
            Path dir = model.getModelPath();
            Path file = dir == null ? null : dir.resolve(CtrTraining.ENCODER_FILE);
            if (file == null || !Files.isRegularFile(file)) {
                throw new TranslateException("the model folder " + dir + " has no " + CtrTraining.ENCODER_FILE
                        + ", which CTR models need to encode raw rows");
            }
            CtrEncoder encoder;
            try {
                encoder = CtrEncoder.load(file);
            } catch (IOException | RuntimeException e) {
                throw new TranslateException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String stored = model.getProperty("layout");
            if (stored != null) {
                CtrLayout layout;
                try {
                    JsonObject config = new JsonObject();
                    config.add("layout", JsonParser.parseString(stored));
                    layout = CtrTraining.layout(config);
                } catch (RuntimeException e) {
                    throw new TranslateException("the model's layout property is malformed: " + e.getMessage(), e);
                }
                if (!layout.equals(encoder.layout())) {
                    throw new TranslateException(file + " does not belong to this model: its layout differs from"
                            + " the model's (" + encoder.layout().labelNames() + " vs " + layout.labelNames() + ")");
                }
            }
            return (Translator<I, O>) new CtrTranslator(encoder);
        }
    }
}
