package io.github.djlsuite.core.zoo;

import static io.github.djlsuite.core.testing.EngineSupport.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Application;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import io.github.djlsuite.core.io.LocalHttpServer;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.MlpArchitecture;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.core.testing.EngineSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zoo end to end: a tiny mlp trained through the suite's harness is published into a
 * temporary repository and loaded back through DJL's {@code Criteria} (folder and local HTTP
 * server), across engines, with sha256 verification, immutable versions and a clean cache on
 * failure.
 */
class ZooTest {

    private static final Architecture MLP = new MlpArchitecture();
    private static final Map<String, String> SMALL = Map.of("hidden", "8", "batch_size", "16", "learning_rate", "0.05");

    @TempDir
    static Path shared;
    private static SavedModel onPyTorch;
    private static SavedModel onMxnet;
    private static float[] rows;

    @TempDir
    Path tmp;
    private Path repoDir;
    private Path cache;

    @BeforeAll
    static void trainOnBothEngines() throws Exception {
        TaskData data = ZooTesting.tinyVectors(3);
        onPyTorch = ZooTesting.train(MLP, data, SMALL, "PyTorch", 3, shared.resolve("pt"));
        onMxnet = ZooTesting.train(MLP, data, SMALL, "MXNet", 3, shared.resolve("mx"));
        rows = data.payload(VectorData.class, "test").testX();
    }

    @BeforeEach
    void pointTheZooAtTemporaryFolders() {
        repoDir = tmp.resolve("repo");
        cache = tmp.resolve("cache");
        System.setProperty(ZooRepository.LOCATION_PROPERTY, repoDir.toString());
        System.setProperty(ZooRepository.CACHE_PROPERTY, cache.toString());
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty(ZooRepository.LOCATION_PROPERTY);
        System.clearProperty(ZooRepository.CACHE_PROPERTY);
    }

    private static float[] loadProbabilities(String engine, String version) throws Exception {
        return ZooTesting.probabilitiesThroughCriteria(ZooTesting.probabilities("mlp", engine, version), rows, 4);
    }

    @Test
    void theProviderIsRegisteredAndCoversEveryArchitecture() {
        ModelZoo zoo = ModelZoo.getModelZoo(ZooRepository.GROUP_ID);
        assertInstanceOf(SuiteModelZoo.class, zoo);
        for (Architecture a : Architectures.all()) {
            assertNotNull(zoo.getModelLoader(a.id()), "no loader for " + a.id());
        }
        assertEquals(Application.Tabular.SOFTMAX_REGRESSION, zoo.getModelLoader("mlp").getApplication());
        assertTrue(ModelZoo.listModels().values().stream().flatMap(List::stream)
                .anyMatch(m -> m.toString().equals("djl://io.github.djlsuite/mlp")));
    }

    @Test
    void publishedModelsLoadThroughCriteriaOnBothEnginesWithTheSamePredictions() throws Exception {
        ZooRepository repo = ZooRepository.fromEnvironment();
        assertEquals("0.1.0", repo.publish(onPyTorch, null).version());
        assertEquals("0.1.1", repo.publish(onMxnet, null).version());
        float[] ptRef = ZooTesting.referenceProbabilities(onPyTorch, "PyTorch", rows);
        float[] mxRef = ZooTesting.referenceProbabilities(onMxnet, "MXNet", rows);
        assertEquals(12 * 3, ptRef.length);
        for (String engine : EngineSupport.ENGINES) {
            // saved on PyTorch, loaded on each engine; and saved on MXNet, loaded on each
            assertAllClose(ptRef, loadProbabilities(engine, "0.1.0"), 1e-5);
            assertAllClose(mxRef, loadProbabilities(engine, "0.1.1"), 1e-5);
        }
        // without a filter the newest version is served; the two trainings differ
        float[] newest = loadProbabilities("PyTorch", null);
        assertAllClose(mxRef, newest, 1e-5);
        double diff = 0;
        for (int i = 0; i < ptRef.length; i++) {
            diff = Math.max(diff, Math.abs(ptRef[i] - mxRef[i]));
        }
        assertTrue(diff > 1e-3, "the two versions should be different models, max diff " + diff);
    }

    @Test
    void aModelTrainedOnStandardisedFeaturesIsServedRawFeatures() throws Exception {
        VectorData tiny = ZooTesting.tinyVectors(3).payload(VectorData.class, "test");
        float[] shift = {10f, -5f, 100f, 0.5f};
        float[] scale = {2f, 0.5f, 30f, 1f};
        VectorData v = new VectorData(tiny.trainX(), tiny.trainY(), tiny.validX(), tiny.validY(), tiny.testX(),
                tiny.testY(), 4, tiny.classNames(), "standardised", shift, scale);
        TaskData data = new TaskData("random-4x3-standardised", DataKind.VECTORS, v, List.of());
        SavedModel saved = ZooTesting.train(MLP, data, SMALL, "PyTorch", 3, tmp.resolve("std"));
        ZooRepository.fromEnvironment().publish(saved, "2.0.0");
        float[] reference = ZooTesting.referenceProbabilities(saved, "PyTorch", v.testX());
        float[] raw = new float[v.testX().length];
        for (int i = 0; i < v.size(VectorData.Part.TEST); i++) {
            float[] r = v.rawTestExample(i);
            assertEquals(r[2], v.testX()[i * 4 + 2] * 30f + 100f, 1e-4f);
            System.arraycopy(r, 0, raw, i * 4, 4);
        }
        for (String engine : EngineSupport.ENGINES) {
            assertAllClose(reference, ZooTesting.probabilitiesThroughCriteria(ZooTesting.probabilities("mlp", engine,
                    "2.0.0"), raw, 4), 1e-5);
        }
        // the scaling is really applied: the stored (standardised) rows given as raw ones predict differently
        float[] wrong = ZooTesting.probabilitiesThroughCriteria(ZooTesting.probabilities("mlp", "PyTorch", "2.0.0"),
                v.testX(), 4);
        double diff = 0;
        for (int i = 0; i < wrong.length; i++) {
            diff = Math.max(diff, Math.abs(wrong[i] - reference[i]));
        }
        assertTrue(diff > 1e-2, "max diff " + diff);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VectorData(tiny.trainX(),
                tiny.trainY(), tiny.validX(), tiny.validY(), tiny.testX(), tiny.testY(), 4, tiny.classNames(), "bad",
                shift, null));
        assertTrue(e.getMessage().contains("shift and scale come together"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VectorTranslator.classifications(4, List.of("a", "b"))
                .withInputScaling(shift, new float[] {1, 0, 1, 1}));
    }

    @Test
    void classificationsNameTheClassesAndSumToOne() throws Exception {
        ZooRepository.fromEnvironment().publish(onPyTorch, "1.0.0");
        Criteria<float[], Classifications> c = Criteria.builder().setTypes(float[].class, Classifications.class)
                .optGroupId("io.github.djlsuite").optArtifactId("mlp").optEngine("MXNet").build();
        float[] ref = ZooTesting.referenceProbabilities(onPyTorch, "PyTorch", rows);
        try (ZooModel<float[], Classifications> model = c.loadModel();
                Predictor<float[], Classifications> p = model.newPredictor()) {
            Classifications out = p.predict(java.util.Arrays.copyOfRange(rows, 0, 4));
            assertEquals(List.of("pos", "up", "down"), out.getClassNames());
            assertEquals(1.0, out.getProbabilities().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            for (int k = 0; k < 3; k++) {
                assertEquals(ref[k], out.getProbabilities().get(k), 1e-5);
            }
            assertEquals("random-4x3", model.getProperty("dataset"));
            // the published class names, not the builder argument of the same name (a count)
            assertEquals("[\"pos\",\"up\",\"down\"]", model.getProperty("classes"));
            assertEquals("[8]", model.getProperty("hidden"), "builder arguments are there too");
            assertEquals("1.0.0", model.getProperty("version"));
            assertEquals("8", model.getProperty("hidden").replaceAll("[\\[\\] ]", ""));
        }
        // an NDArray from another engine's manager is copied onto the predictor's
        Criteria<NDArray, Classifications> nd = Criteria.builder().setTypes(NDArray.class, Classifications.class)
                .optGroupId("io.github.djlsuite").optArtifactId("mlp").optEngine("PyTorch").build();
        try (ZooModel<NDArray, Classifications> model = nd.loadModel();
                Predictor<NDArray, Classifications> p = model.newPredictor();
                NDManager mx = EngineSupport.manager("MXNet", 1)) {
            Classifications out = p.predict(mx.create(java.util.Arrays.copyOfRange(rows, 4, 8)));
            for (int k = 0; k < 3; k++) {
                assertEquals(ref[3 + k], out.getProbabilities().get(k), 1e-5);
            }
        }
    }

    @Test
    void metadataFollowsDjlsLayoutAndDjlsOwnRepositoryReadsIt() throws Exception {
        ZooRepository repo = ZooRepository.fromEnvironment();
        ZooMetadata.Entry v = repo.publish(onPyTorch, "0.2.0");
        Path artifactDir = repoDir.resolve("model/tabular/softmax_regression/io/github/djlsuite/mlp");
        assertTrue(Files.isRegularFile(artifactDir.resolve("metadata.json")));
        assertTrue(Files.isRegularFile(artifactDir.resolve("0.2.0").resolve(SavedModel.INFO_FILE)));
        ZooMetadata.FileEntry params = v.file("parameters");
        Path paramsFile = artifactDir.resolve(params.uri());
        assertEquals(Files.size(onPyTorch.parameters()), params.size());
        assertEquals(ZooRepository.digests(onPyTorch.parameters())[0], params.sha256());
        assertTrue(v.property("metric.test_accuracy") != null && "test_accuracy".equals(v.property("keyMetric")));
        assertEquals("4", v.property("inputShape").substring(v.property("inputShape").lastIndexOf(',') + 1));

        // DJL's own LocalRepository finds the artifact, its version, properties and sha1
        MRL mrl = MRL.model(repo.djlRepository(), Application.Tabular.SOFTMAX_REGRESSION, ZooRepository.GROUP_ID,
                "mlp", null, "mlp");
        Metadata m = repo.djlRepository().locate(mrl);
        assertNotNull(m, "DJL did not find the metadata");
        Artifact a = mrl.match(Map.of("dataset", "random-4x3"));
        assertNotNull(a);
        assertEquals("0.2.0", a.getVersion());
        assertEquals(params.size(), a.getFiles().get("parameters").getSize());
        assertEquals(ZooRepository.digests(paramsFile)[1], a.getFiles().get("parameters").getSha1Hash());
        assertEquals(1, m.getArtifacts().size());
    }

    @Test
    void publishedVersionsAreImmutable() throws Exception {
        ZooRepository repo = ZooRepository.fromEnvironment();
        repo.publish(onPyTorch, "0.3.0");
        byte[] before = Files.readAllBytes(repoDir.resolve("model/tabular/softmax_regression/io/github/djlsuite/mlp/metadata.json"));
        ZooException e = assertThrows(ZooException.class, () -> repo.publish(onMxnet, "0.3.0"));
        assertTrue(e.getMessage().contains("0.3.0 is already published") && e.getMessage().contains("0.3.1"),
                e.getMessage());
        assertEquals(new String(before), Files.readString(repoDir.resolve(
                "model/tabular/softmax_regression/io/github/djlsuite/mlp/metadata.json")));
        ZooException bad = assertThrows(ZooException.class, () -> repo.publish(onMxnet, "../evil"));
        assertTrue(bad.getMessage().contains("not of the form"), bad.getMessage());
        ZooException url = assertThrows(ZooException.class,
                () -> ZooRepository.of("http://127.0.0.1:1/zoo").publish(onMxnet, "1.0.0"));
        assertTrue(url.getMessage().contains("read-only"), url.getMessage());
        // the old version still loads with the old predictions
        assertAllClose(ZooTesting.referenceProbabilities(onPyTorch, "PyTorch", rows),
                loadProbabilities("PyTorch", "0.3.0"), 1e-5);
    }

    @Test
    void aTamperedFileInAFolderRepositoryIsRejected() throws Exception {
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(onPyTorch, "0.1.0");
        Path params = repoDir.resolve("model/tabular/softmax_regression/io/github/djlsuite/mlp")
                .resolve(v.file("parameters").uri());
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 3] ^= 0x40; // same size, one parameter changed
        Files.write(params, bytes);
        ZooException e = assertThrows(ZooException.class, () -> loadProbabilities("PyTorch", null));
        assertTrue(e.getMessage().contains("sha256 mismatch") && e.getMessage().contains("mlp 0.1.0")
                && e.getMessage().contains("\"parameters\""), e.getMessage());
    }

    @Test
    void unknownVersionsAndUnsupportedTypesAreNotFoundWithTheReason() throws Exception {
        ModelNotFoundException none = assertThrows(ModelNotFoundException.class, () -> loadProbabilities("PyTorch", null));
        assertTrue(rootMessage(none).contains("has no mlp"), rootMessage(none));
        ZooRepository.fromEnvironment().publish(onPyTorch, "0.1.0");
        ModelNotFoundException version = assertThrows(ModelNotFoundException.class,
                () -> loadProbabilities("PyTorch", "9.9.9"));
        assertTrue(rootMessage(version).contains("0.1.0"), rootMessage(version));
        Criteria<String, String> strings = Criteria.builder().setTypes(String.class, String.class)
                .optGroupId("io.github.djlsuite").optArtifactId("mlp").optEngine("PyTorch").build();
        ModelNotFoundException types = assertThrows(ModelNotFoundException.class, strings::loadModel);
        assertTrue(rootMessage(types).contains("(float[], Classifications)"), rootMessage(types));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Serves every file of the repository folder at its relative path, except those in {@code override}. */
    private LocalHttpServer serve(Map<String, byte[]> override) throws IOException {
        LocalHttpServer server = new LocalHttpServer();
        try (Stream<Path> s = Files.walk(repoDir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = "/zoo/" + repoDir.relativize(p).toString().replace('\\', '/');
                server.serve(rel, override.containsKey(rel) ? override.get(rel) : Files.readAllBytes(p));
            }
        }
        return server;
    }

    private String paramsPath(ZooMetadata.Entry v) throws ZooException {
        return "/zoo/model/tabular/softmax_regression/io/github/djlsuite/mlp/" + v.file("parameters").uri();
    }

    private List<Path> cachedFiles() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aUrlRepositoryDownloadsIntoTheCacheOnceAndVerifies() throws Exception {
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(onPyTorch, "0.1.0");
        try (LocalHttpServer server = serve(Map.of())) {
            System.setProperty(ZooRepository.LOCATION_PROPERTY, server.url("/zoo"));
            float[] ref = ZooTesting.referenceProbabilities(onPyTorch, "PyTorch", rows);
            assertAllClose(ref, loadProbabilities("MXNet", null), 1e-5);
            assertAllClose(ref, loadProbabilities("PyTorch", null), 1e-5);
            assertEquals(1, server.requests(paramsPath(v)), "the second load must come from the cache");
            assertEquals(2, cachedFiles().size(), cachedFiles().toString());
            // a cached copy changed on disk is detected and fetched again
            Path cached = cachedFiles().stream().filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
            byte[] b = Files.readAllBytes(cached);
            b[b.length - 1] ^= 1;
            Files.write(cached, b);
            assertAllClose(ref, loadProbabilities("PyTorch", null), 1e-5);
            assertEquals(2, server.requests(paramsPath(v)));
        }
    }

    @Test
    void aTamperedDownloadIsRejectedAndNotLeftInTheCache() throws Exception {
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(onPyTorch, "0.1.0");
        byte[] bytes = Files.readAllBytes(onPyTorch.parameters());
        bytes[bytes.length - 5] ^= 0x10;
        try (LocalHttpServer server = serve(Map.of(paramsPath(v), bytes))) {
            System.setProperty(ZooRepository.LOCATION_PROPERTY, server.url("/zoo"));
            ZooException e = assertThrows(ZooException.class, () -> loadProbabilities("PyTorch", null));
            assertTrue(e.getMessage().contains("sha256 mismatch") && e.getMessage().contains("mlp 0.1.0"), e.getMessage());
            assertEquals(List.of(), cachedFiles());
        }
    }

    @Test
    void aServerThatDropsMidTransferGivesAClearErrorAndLeavesNothing() throws Exception {
        ZooMetadata.Entry v = ZooRepository.fromEnvironment().publish(onPyTorch, "0.1.0");
        byte[] bytes = Files.readAllBytes(onPyTorch.parameters());
        try (LocalHttpServer server = serve(Map.of())) {
            server.serveTruncated(paramsPath(v), bytes, bytes.length / 2, bytes.length);
            System.setProperty(ZooRepository.LOCATION_PROPERTY, server.url("/zoo"));
            ZooException e = assertThrows(ZooException.class, () -> loadProbabilities("PyTorch", null));
            assertTrue(e.getMessage().contains("mlp 0.1.0") && e.getMessage().contains("of " + bytes.length + " bytes"),
                    e.getMessage());
            assertEquals(List.of(), cachedFiles());
        }
        // the server is gone: a clear error naming the repository
        ZooException gone = assertThrows(ZooException.class, () -> loadProbabilities("PyTorch", null));
        assertTrue(gone.getMessage().contains("cannot read zoo repository"), gone.getMessage());
    }

    @Test
    void malformedMetadataIsNamed() throws Exception {
        ZooRepository.fromEnvironment().publish(onPyTorch, "0.1.0");
        Path meta = repoDir.resolve("model/tabular/softmax_regression/io/github/djlsuite/mlp/metadata.json");
        Files.writeString(meta, Files.readString(meta).replaceFirst("\"sha256\": \"[0-9a-f]+\"", "\"sha256\": \"abc\""));
        ZooException e = assertThrows(ZooException.class, () -> loadProbabilities("PyTorch", null));
        assertTrue(e.getMessage().contains("sha256 must be 64 hex digits") && e.getMessage().contains(meta.toString()),
                e.getMessage());
        assertFalse(ZooRepository.of("file:" + tmp.resolve("nothing")).isRemote());
        assertThrows(IllegalArgumentException.class, () -> ZooRepository.of("ftp://example.org/zoo"));
    }
}
