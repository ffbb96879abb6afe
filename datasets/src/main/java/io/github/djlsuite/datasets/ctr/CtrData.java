package io.github.djlsuite.datasets.ctr;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.ctr.CtrEncoder.Encoded;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded CTR dataset: the fitted {@link CtrEncoder}, its {@link CtrLayout}, and the encoded train,
 * valid and test parts as host arrays, turned into DJL datasets on demand (so one load serves both
 * engines: pass the model's manager).
 *
 * <p>{@link #caveat()} is present when the data cannot support the usual conclusions (for example
 * taobao-ad-sample, whose valid and test files are near-copies of the training file).
 */
public final class CtrData {

    private final CtrEncoder encoder;
    private final Encoded train;
    private final Encoded valid;
    private final Encoded test;
    private final String caveat;

    /**
     * @param encoder fitted on {@code train}'s rows
     * @param train   training part
     * @param valid   validation part
     * @param test    test part
     * @param caveat  a warning about the data, or null
     */
    public CtrData(CtrEncoder encoder, Encoded train, Encoded valid, Encoded test, String caveat) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.train = Objects.requireNonNull(train, "train");
        this.valid = Objects.requireNonNull(valid, "valid");
        this.test = Objects.requireNonNull(test, "test");
        for (Encoded e : new Encoded[] {train, valid, test}) {
            if (!e.layout().equals(encoder.layout())) {
                throw new IllegalArgumentException("a part was encoded with another layout");
            }
        }
        this.caveat = caveat == null || caveat.isBlank() ? null : caveat;
    }

    /** The same data with a caveat attached. */
    public CtrData withCaveat(String text) {
        return new CtrData(encoder, train, valid, test, text);
    }

    /** The batch layout. */
    public CtrLayout layout() {
        return encoder.layout();
    }

    /** The encoder fitted on the training part (save it with the model for serving). */
    public CtrEncoder encoder() {
        return encoder;
    }

    /** Encoded training rows. */
    public Encoded train() {
        return train;
    }

    /** Encoded validation rows. */
    public Encoded valid() {
        return valid;
    }

    /** Encoded test rows. */
    public Encoded test() {
        return test;
    }

    /** Number of training rows. */
    public int trainRows() {
        return train.size();
    }

    /** Number of validation rows. */
    public int validRows() {
        return valid.size();
    }

    /** Number of test rows. */
    public int testRows() {
        return test.size();
    }

    /** A warning about what this data can be used for, when there is one. */
    public Optional<String> caveat() {
        return Optional.ofNullable(caveat);
    }

    /** The training part as a shuffled DJL dataset (arrays owned by {@code manager}). */
    public ArrayDataset trainDataset(NDManager manager, int batchSize) {
        return train.toDataset(manager, batchSize, true);
    }

    /** The validation part as a DJL dataset, in file order. */
    public ArrayDataset validDataset(NDManager manager, int batchSize) {
        return valid.toDataset(manager, batchSize, false);
    }

    /** The test part as a DJL dataset, in file order. */
    public ArrayDataset testDataset(NDManager manager, int batchSize) {
        return test.toDataset(manager, batchSize, false);
    }
}
