package io.github.djlsuite.core.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A training checkpoint: the epoch and optimizer-step counters followed by the block's parameters in
 * DJL's engine-neutral format, in one file written atomically (temporary file, then rename), so a
 * kill at any moment leaves either the previous or the new checkpoint, never half of one.
 *
 * <p>Optimizer state (Adam's moments) is not part of DJL's public API and is not saved: a resumed
 * run restarts it from zero. With a stateless optimizer (plain SGD) a resumed run repeats an
 * uninterrupted one exactly.
 */
public final class Checkpoint {

    /** The checkpoint's file name inside a run's output folder. */
    public static final String FILE = "checkpoint.params";

    private static final int MAGIC = 0x534b5054; // "SKPT"
    private static final int FORMAT = 1;

    /** Where a checkpoint lives and what it restores to. */
    public record State(int nextEpoch, long steps) {}

    private Checkpoint() {}

    /** Writes {@code block}'s parameters and the counters to {@code dir/checkpoint.params} atomically. */
    public static void save(Path dir, Block block, State state) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE);
        Path tmp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            try (DataOutputStream os = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                os.writeInt(MAGIC);
                os.writeInt(FORMAT);
                os.writeInt(state.nextEpoch());
                os.writeLong(state.steps());
                block.saveParameters(os);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** True when {@code dir} holds a checkpoint. */
    public static boolean exists(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(FILE));
    }

    /**
     * Loads the checkpoint in {@code dir} into {@code block}.
     *
     * @throws IOException naming the file when it is not a suite checkpoint or does not fit the block
     */
    public static State load(Path dir, Block block, NDManager manager) throws IOException {
        Path file = dir.resolve(FILE);
        try (DataInputStream is = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (is.readInt() != MAGIC) {
                throw new IOException(file + " is not a suite checkpoint (bad magic number)");
            }
            int format = is.readInt();
            if (format != FORMAT) {
                throw new IOException(file + " has checkpoint format " + format + ", expected " + FORMAT);
            }
            State state = new State(is.readInt(), is.readLong());
            block.loadParameters(manager, is);
            return state;
        } catch (MalformedModelException e) {
            throw new IOException(file + " does not match the model: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }
}
