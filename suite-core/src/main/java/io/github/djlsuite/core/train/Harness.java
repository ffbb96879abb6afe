package io.github.djlsuite.core.train;

import ai.djl.Model;
import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EarlyStoppingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.listener.EpochTrainingListener;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.util.ProgressBar;
import ai.djl.translate.TranslateException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The suite's one training loop: DJL's {@link Trainer} and {@link EasyTrain#trainBatch} with DJL
 * listeners, plus what every paper needs and DJL leaves to the caller: seeding, a NaN/Inf guard
 * that stops before a bad update is applied, global-norm gradient clipping, per-epoch CSV metrics,
 * atomic checkpoints and resume, and a progress bar with loss and throughput.
 *
 * <p>Memory: every batch owns a sub-manager and is closed after its step, so nothing computed in a
 * step outlives it (the DJL guide's leak-free pattern); the optimizer step stays outside any scope.
 */
public final class Harness {

    /** Name of the per-epoch metrics file in the output folder. */
    public static final String METRICS_CSV = "metrics.csv";

    private Harness() {}

    /**
     * Trains {@code model} (its block set, parameters initialised or not) for the configured
     * number of epochs.
     *
     * @param model       the model; its engine must match the datasets' arrays
     * @param config      loss, optimizer, budget and safety nets
     * @param train       training data
     * @param validation  validation data or null
     * @param inputShapes the block's input shapes, batch axis included
     * @return the per-epoch history
     * @throws TrainingDivergedException when the loss becomes NaN or infinite, naming epoch and batch
     */
    public static TrainingHistory fit(Model model, TrainConfig config, Dataset train, Dataset validation,
            Shape... inputShapes) throws IOException, TranslateException {
        if (config.seed != null) {
            model.getNDManager().getEngine().setRandomSeed(config.seed.intValue());
        }
        DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(config.loss)
                .optOptimizer(config.optimizer)
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()})
                .addTrainingListeners(new EpochTrainingListener(), new EvaluatorTrainingListener());
        config.evaluators.forEach(djlConfig::addEvaluator);
        if (config.clipGradNorm > 0) {
            djlConfig.addTrainingListeners(new GradientClipping(config.clipGradNorm));
        }
        if (config.patience > 0) {
            djlConfig.addTrainingListeners(EarlyStoppingListener.builder()
                    .optEpochPatience(config.patience).optEarlyStopPctImprovement(0.01).build());
        }
        config.listeners.forEach(djlConfig::addTrainingListeners);

        List<EpochRecord> history = new ArrayList<>();
        int startEpoch = 0;
        long steps = 0;
        String stopReason = null;
        if (config.resume && Checkpoint.exists(config.outputDir)) {
            // before the Trainer exists: its ParameterStore caches the parameter arrays it first sees
            Checkpoint.State state = Checkpoint.load(config.outputDir, model.getBlock(), model.getNDManager());
            startEpoch = state.nextEpoch();
            steps = state.steps();
            history.addAll(MetricsCsv.read(config.outputDir.resolve(METRICS_CSV), startEpoch));
        }
        try (Trainer trainer = model.newTrainer(djlConfig)) {
            trainer.initialize(inputShapes); // keeps parameters that are already set
            ProgressBar bar = null; // created at the first batch, which knows the epoch's batch count
            long barTotal = 0;
            long barStep = 0;
            long lastDraw = 0;
            final long runStart = System.nanoTime();
            try (MetricsCsv csv = config.outputDir == null ? null
                    : MetricsCsv.open(config.outputDir.resolve(METRICS_CSV), config.evaluators, history)) {
                for (int epoch = startEpoch; epoch < config.epochs; epoch++) {
                    long start = System.nanoTime();
                    long samples = 0;
                    int batchIndex = 0;
                    for (Batch batch : trainer.iterateDataset(train)) {
                        if (config.progress && bar == null) { // counted in samples, as DJL's batches are
                            barTotal = (long) (config.epochs - startEpoch) * Math.max(1, batch.getProgressTotal());
                            bar = new ProgressBar("Training", barTotal);
                        }
                        try {
                            EasyTrain.trainBatch(trainer, batch);
                            float loss = trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
                            if (!Float.isFinite(loss)) {
                                throw new TrainingDivergedException(String.format(Locale.ROOT,
                                        "%s: training loss became %s at epoch %d, batch %d; no update was"
                                                + " applied%s. Lower the learning rate, clip gradients or"
                                                + " check the input data", config.name, loss, epoch + 1,
                                        batchIndex + 1, config.outputDir == null ? ""
                                                : " and the last checkpoint in " + config.outputDir + " is intact"));
                            }
                            trainer.step();
                            steps++;
                            samples += batch.getSize();
                        } finally {
                            batch.close();
                        }
                        batchIndex++;
                        barStep += batch.getSize();
                        if (bar != null && (System.nanoTime() - lastDraw > 200_000_000L || barStep >= barTotal)) {
                            lastDraw = System.nanoTime();
                            double sps = (barStep) / Math.max(1e-9, (lastDraw - runStart) / 1e9);
                            bar.update(Math.min(barStep, barTotal) - 1, String.format(Locale.ROOT,
                                    "%s epoch %d/%d loss %.4g, %.0f samples/s", config.name, epoch + 1,
                                    config.epochs, trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH),
                                    sps));
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    boolean last = epoch == config.epochs - 1;
                    if (validation != null && ((epoch + 1) % config.validateEvery == 0 || last)) {
                        EasyTrain.evaluateDataset(trainer, validation);
                    }
                    EpochRecord record = record(trainer, config, epoch, steps, seconds, samples);
                    history.add(record);
                    if (csv != null) {
                        csv.append(record);
                    }
                    try {
                        trainer.notifyListeners(l -> l.onEpoch(trainer));
                    } catch (EarlyStoppingListener.EarlyStoppedException e) {
                        stopReason = "early stop at epoch " + (epoch + 1) + ": " + e.getMessage();
                        last = true;
                    }
                    if (config.outputDir != null && ((epoch + 1) % config.checkpointEvery == 0 || last)) {
                        Checkpoint.save(config.outputDir, model.getBlock(), new Checkpoint.State(epoch + 1, steps));
                    }
                    if (stopReason != null) {
                        break;
                    }
                }
            } finally {
                if (bar != null) {
                    bar.end();
                }
            }
        }
        return new TrainingHistory(List.copyOf(history), stopReason, startEpoch > 0 ? startEpoch : -1);
    }

    /**
     * Evaluates a trained model on {@code data} with DJL's own loop ({@code EasyTrain.evaluateDataset})
     * and returns the mean loss (key {@code loss}) and each evaluator's value keyed by its name.
     * Typically used once, on the test split, after {@link #fit}.
     */
    public static Map<String, Double> evaluate(Model model, Loss loss, Dataset data, Evaluator... evaluators)
            throws IOException, TranslateException {
        DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(loss)
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()})
                .addTrainingListeners(new EvaluatorTrainingListener());
        for (Evaluator e : evaluators) {
            djlConfig.addEvaluator(e);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        try (Trainer trainer = model.newTrainer(djlConfig)) {
            EasyTrain.evaluateDataset(trainer, data);
            out.put("loss", (double) trainer.getLoss().getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH));
            for (Evaluator e : evaluators) {
                out.put(e.getName(), (double) e.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH));
            }
        }
        return out;
    }

    private static EpochRecord record(Trainer trainer, TrainConfig config, int epoch, long steps, double seconds,
            long samples) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Evaluator e : trainer.getEvaluators()) {
            if (e == trainer.getLoss()) {
                continue;
            }
            metrics.put("train_" + e.getName(), (double) e.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH));
            metrics.put("validate_" + e.getName(),
                    (double) e.getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH));
        }
        double lr = config.learningRate.getNewValue((int) Math.min(Integer.MAX_VALUE, steps)); // DJL counts updates from 1;
        return new EpochRecord(epoch, trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH),
                trainer.getLoss().getAccumulator(EvaluatorTrainingListener.VALIDATE_EPOCH), metrics, lr,
                seconds, samples / Math.max(1e-9, seconds));
    }

    /** Appends one CSV row per epoch; on resume, keeps the rows before the checkpoint's epoch. */
    static final class MetricsCsv implements AutoCloseable {
        private final BufferedWriter out;
        private final List<String> metricNames;

        private MetricsCsv(BufferedWriter out, List<String> metricNames) {
            this.out = out;
            this.metricNames = metricNames;
        }

        static MetricsCsv open(Path file, List<Evaluator> evaluators, List<EpochRecord> restored)
                throws IOException {
            Files.createDirectories(file.getParent());
            List<String> names = new ArrayList<>();
            for (Evaluator e : evaluators) {
                names.add("train_" + e.getName());
                names.add("validate_" + e.getName());
            }
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            MetricsCsv csv = new MetricsCsv(out, names);
            out.write("epoch,train_loss,validate_loss," + String.join(",", names)
                    + (names.isEmpty() ? "" : ",") + "learning_rate,seconds,samples_per_second\n");
            for (EpochRecord r : restored) {
                csv.append(r);
            }
            return csv;
        }

        void append(EpochRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(r.epoch() + 1).append(',').append(r.trainLoss()).append(',').append(r.validationLoss());
            for (String n : metricNames) {
                sb.append(',').append(r.metrics().getOrDefault(n, Double.NaN));
            }
            sb.append(',').append(r.learningRate()).append(',').append(r.seconds()).append(',')
                    .append(r.samplesPerSecond()).append('\n');
            try {
                out.write(sb.toString());
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the rows of epochs before {@code nextEpoch} from an earlier run's CSV. */
        static List<EpochRecord> read(Path file, int nextEpoch) throws IOException {
            List<EpochRecord> rows = new ArrayList<>();
            if (!Files.isRegularFile(file)) {
                return rows;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return rows;
            }
            String[] header = lines.get(0).split(",");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length != header.length) {
                    break; // a row cut short by a kill
                }
                int epoch = Integer.parseInt(f[0]) - 1;
                if (epoch >= nextEpoch) {
                    break;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                for (int i = 3; i < header.length - 3; i++) {
                    metrics.put(header[i], Double.parseDouble(f[i]));
                }
                int n = header.length;
                rows.add(new EpochRecord(epoch, Double.parseDouble(f[1]), Double.parseDouble(f[2]), metrics,
                        Double.parseDouble(f[n - 3]), Double.parseDouble(f[n - 2]), Double.parseDouble(f[n - 1])));
            }
            return rows;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
