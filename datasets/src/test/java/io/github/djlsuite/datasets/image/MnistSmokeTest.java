package io.github.djlsuite.datasets.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Proof the reader delivers real data: an MLP learns MNIST from a subset in seconds. */
class MnistSmokeTest {

    @Test
    void mlpReachesSensibleAccuracyOnASubset() throws Exception {
        Path dir = Path.of(System.getenv("SUITE_DATA")).resolve("mnist");
        ImageDatasets.Raw train = ImageDatasets.mnistRaw(dir, ImageDatasets.Split.TRAIN);
        ImageDatasets.Raw test = ImageDatasets.mnistRaw(dir, ImageDatasets.Split.TEST);
        ImageDatasets.Raw trainSubset = new ImageDatasets.Raw(Arrays.copyOf(train.images(), 6000 * 784),
                Arrays.copyOf(train.labels(), 6000));
        ImageDatasets.Raw testSubset = new ImageDatasets.Raw(Arrays.copyOf(test.images(), 2000 * 784),
                Arrays.copyOf(test.labels(), 2000));
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(Mlp.builder().setWidths(784, 128, 10).build());
            ArrayDataset tr = trainSubset.toDataset(model.getNDManager(), 64, true);
            ArrayDataset te = testSubset.toDataset(model.getNDManager(), 500, false);
            TrainConfig cfg = TrainConfig.builder().setLoss(Loss.softmaxCrossEntropyLoss()).setEpochs(2).optSeed(1)
                    .addEvaluator(new Accuracy()).build();
            TrainingHistory h = Harness.fit(model, cfg, tr, te, new Shape(1, 784));
            double accuracy = h.last().metrics().get("validate_Accuracy");
            // chance is 10%; 6,000 images and two epochs give about 90% when pixels and labels line up
            assertTrue(accuracy > 0.85, "MNIST test accuracy " + accuracy);
        }
    }
}
