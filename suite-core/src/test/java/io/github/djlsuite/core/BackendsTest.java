package io.github.djlsuite.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void defaultIsPyTorchOnCpuEvenThoughDjlWouldPickMxnet() {
        // surefire sets no SUITE_ENGINE; with both engines present DJL's own default is MXNet
        Backend b = Backends.resolve(null, null);
        assertEquals("PyTorch", b.engineName());
        assertEquals(Device.cpu(), b.device());
        try (NDManager m = b.newManager()) {
            assertEquals("PyTorch", m.getEngine().getEngineName());
        }
    }

    @Test
    void explicitEngineIsCaseInsensitive() {
        assertEquals("MXNet", Backends.resolve("mxnet", "cpu").engineName());
        assertEquals("PyTorch", Backends.resolve("PYTORCH", null).engineName());
    }

    @Test
    void devicesParse() {
        assertEquals(Device.cpu(), Backends.parseDevice("cpu"));
        assertEquals(Device.gpu(0), Backends.parseDevice("gpu"));
        assertEquals(Device.gpu(2), Backends.parseDevice("gpu:2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.parseDevice("tpu"));
        assertTrue(e.getMessage().contains("cpu, gpu or gpu:N"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backends.parseDevice("gpu:-1"));
    }

    @Test
    void unknownEngineNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.resolve("TensorFlow", null));
        assertTrue(e.getMessage().contains("PyTorch") && e.getMessage().contains("MXNet"), e.getMessage());
    }

    @Test
    void missingGpuSaysWhatToDo() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.resolve("PyTorch", "gpu:" + gpus));
        assertTrue(e.getMessage().contains("--device cpu"), e.getMessage());
        assertTrue(e.getMessage().contains("pytorch-native-cpu"), e.getMessage());
    }

    @Test
    void describeListsBothEnginesWithVersions() {
        List<String> lines = Backends.describe();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("PyTorch") && lines.get(0).contains("2.7.1"), lines.get(0));
        assertTrue(lines.get(1).startsWith("MXNet") && lines.get(1).contains("cpu()"), lines.get(1));
    }
}
