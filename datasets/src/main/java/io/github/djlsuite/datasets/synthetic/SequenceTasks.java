package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;

/**
 * Algorithmic sequence tasks with targets correct by construction: copy and associative recall.
 * All token ids are non-negative ints; layouts are documented on each factory.
 */
public final class SequenceTasks {

    /**
     * A batch of sequences.
     *
     * @param inputs       row-major (count, inputLength) token ids in {@code 0..inputVocab-1}
     * @param targets      row-major (count, targetLength) target ids in {@code 0..targetVocab-1}
     * @param count        number of sequences
     * @param inputLength  tokens per input sequence
     * @param targetLength target ids per sequence
     * @param inputVocab   size of the input token alphabet (content plus special tokens)
     * @param targetVocab  number of target classes
     */
    public record Sequences(int[] inputs, int[] targets, int count, int inputLength, int targetLength,
            int inputVocab, int targetVocab) {

        /** Input token {@code t} of sequence {@code i}. */
        public int input(int i, int t) {
            return inputs[i * inputLength + t];
        }

        /** Target {@code t} of sequence {@code i}. */
        public int target(int i, int t) {
            return targets[i * targetLength + t];
        }

        /**
         * As a DJL dataset: data (count, inputLength) INT32 token ids; labels (count, targetLength)
         * FLOAT32 class ids (DJL's convention for {@code SoftmaxCrossEntropyLoss}). Batch size capped at count.
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            float[] y = new float[targets.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = targets[i];
            }
            return new ArrayDataset.Builder()
                    .setData(manager.create(inputs, new Shape(count, inputLength)))
                    .optLabels(manager.create(y, new Shape(count, targetLength)))
                    .setSampling(Math.max(1, Math.min(batchSize, count)), shuffle)
                    .build();
        }
    }

    private SequenceTasks() {}

    /**
     * Copy task. Each sequence draws {@code length} content tokens {@code x_1..x_L} i.i.d. uniform in
     * {@code 0..vocab-1}. Input (length {@code 2L + 1}): {@code x_1..x_L, DELIM, BLANK×L} with
     * {@code DELIM = vocab}, {@code BLANK = vocab + 1} (so {@code inputVocab = vocab + 2}). Target
     * (length L): {@code x_1..x_L}, i.e. the target for output position {@code L + 1 + t} of the input is
     * {@code x_{t+1}}; {@code targetVocab = vocab}.
     *
     * @param count  number of sequences
     * @param vocab  content alphabet size (≥ 1)
     * @param length L, content tokens per sequence (≥ 1)
     * @param seed   random seed; same arguments give identical output
     */
    public static Sequences copy(int count, int vocab, int length, long seed) {
        if (count < 1 || vocab < 1 || length < 1) {
            throw new IllegalArgumentException("count, vocab and length must be >= 1");
        }
        Random r = new Random(seed);
        int in = 2 * length + 1;
        int[] x = new int[count * in];
        int[] y = new int[count * length];
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < length; t++) {
                int tok = r.nextInt(vocab);
                x[i * in + t] = tok;
                y[i * length + t] = tok;
            }
            x[i * in + length] = vocab;
            for (int t = length + 1; t < in; t++) {
                x[i * in + t] = vocab + 1;
            }
        }
        return new Sequences(x, y, count, in, length, vocab + 2, vocab);
    }

    /** Copy task's delimiter token for content alphabet {@code vocab}. */
    public static int copyDelimiter(int vocab) {
        return vocab;
    }

    /** Copy task's blank token for content alphabet {@code vocab}. */
    public static int copyBlank(int vocab) {
        return vocab + 1;
    }

    /**
     * Associative recall. Token ids: keys {@code 0..keyVocab-1}, value {@code v} is token
     * {@code keyVocab + v} for {@code v in 0..valueVocab-1}, and the query marker is
     * {@code keyVocab + valueVocab} ({@code inputVocab = keyVocab + valueVocab + 1}). Each sequence has
     * {@code pairs} distinct keys (uniform without replacement) each with an i.i.d. uniform value. Input
     * (length {@code 2·pairs + 2}): {@code k_1, v_1, ..., k_m, v_m, QUERY, k_q} where {@code k_q} is one of
     * the sequence's keys chosen uniformly. Target (length 1): the value index {@code v_q} in
     * {@code 0..valueVocab-1} (not its token id); {@code targetVocab = valueVocab}.
     *
     * @param count      number of sequences
     * @param keyVocab   number of distinct keys (≥ pairs)
     * @param valueVocab number of distinct values (≥ 1)
     * @param pairs      key/value pairs per sequence (≥ 1)
     * @param seed       random seed; same arguments give identical output
     */
    public static Sequences associativeRecall(int count, int keyVocab, int valueVocab, int pairs, long seed) {
        if (count < 1 || valueVocab < 1 || pairs < 1 || keyVocab < pairs) {
            throw new IllegalArgumentException("need count, valueVocab, pairs >= 1 and keyVocab >= pairs");
        }
        Random r = new Random(seed);
        int in = 2 * pairs + 2;
        int[] x = new int[count * in];
        int[] y = new int[count];
        int[] keys = new int[keyVocab];
        int[] vals = new int[pairs];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < keyVocab; k++) {
                keys[k] = k;
            }
            // partial Fisher-Yates: keys[0..pairs-1] become a uniform sample without replacement
            for (int k = 0; k < pairs; k++) {
                int j = k + r.nextInt(keyVocab - k);
                int t = keys[k];
                keys[k] = keys[j];
                keys[j] = t;
            }
            for (int k = 0; k < pairs; k++) {
                vals[k] = r.nextInt(valueVocab);
                x[i * in + 2 * k] = keys[k];
                x[i * in + 2 * k + 1] = keyVocab + vals[k];
            }
            int q = r.nextInt(pairs);
            x[i * in + 2 * pairs] = keyVocab + valueVocab;
            x[i * in + 2 * pairs + 1] = keys[q];
            y[i] = vals[q];
        }
        return new Sequences(x, y, count, in, 1, keyVocab + valueVocab + 1, valueVocab);
    }
}
