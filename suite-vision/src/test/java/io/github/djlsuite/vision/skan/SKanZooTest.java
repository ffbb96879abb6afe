package io.github.djlsuite.vision.skan;

import static io.github.djlsuite.core.testing.EngineSupport.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.core.zoo.ZooRepository;
import io.github.djlsuite.core.zoo.ZooTesting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An S-KAN trained by {@code suite train}'s path, published to the zoo and loaded back through Criteria. */
class SKanZooTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearProperties() {
        System.clearProperty(ZooRepository.LOCATION_PROPERTY);
        System.clearProperty(ZooRepository.CACHE_PROPERTY);
    }

    @Test
    void aPrunedSkanPublishedToTheZooPredictsTheSameThroughCriteriaOnBothEngines() throws Exception {
        System.setProperty(ZooRepository.LOCATION_PROPERTY, tmp.resolve("repo").toString());
        System.setProperty(ZooRepository.CACHE_PROPERTY, tmp.resolve("cache").toString());
        assertTrue(Architectures.find("skan").isPresent(), "skan is registered");
        TaskData data = ZooTesting.tinyVectors(7);
        SavedModel saved = ZooTesting.train(new SKanArchitecture(), data, Map.of("hidden", "4"), "PyTorch", 6,
                tmp.resolve("run"));
        assertEquals(6.0, saved.metrics().get("epochs").getAsDouble());

        // the pruning masks travel with the parameters: the loaded model has the pruned parameter count,
        // well below the same S-KAN before selection
        try (Model m = saved.load(new Backend("MXNet", Device.cpu()))) {
            long active = SKan.activeParameterCount(m.getBlock());
            assertEquals(saved.metrics().get("active_parameters").getAsDouble(), active, 0.0);
            try (Model fresh = Model.newInstance("fresh", Device.cpu(), "MXNet")) {
                fresh.setBlock(new SKanArchitecture().build(saved.config()));
                fresh.getBlock().initialize(fresh.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                        saved.inputShape());
                long all = SKan.activeParameterCount(fresh.getBlock());
                assertTrue(active * 3 < all, "pruned " + active + " vs unselected " + all);
            }
        }

        ZooRepository.fromEnvironment().publish(saved, null);
        float[] rows = data.payload(VectorData.class, "test").testX();
        float[] reference = ZooTesting.referenceProbabilities(saved, "PyTorch", rows);
        for (String engine : EngineSupport.ENGINES) {
            float[] loaded = ZooTesting.probabilitiesThroughCriteria(ZooTesting.probabilities("skan", engine, null),
                    rows, 4);
            assertAllClose(reference, loaded, 1e-5);
        }
    }
}
