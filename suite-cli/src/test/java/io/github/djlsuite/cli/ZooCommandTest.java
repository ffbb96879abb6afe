package io.github.djlsuite.cli;

import static io.github.djlsuite.cli.SuiteCliTest.suite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.cli.SuiteCliTest.Result;
import io.github.djlsuite.core.io.LocalHttpServer;
import io.github.djlsuite.core.zoo.ZooRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite zoo publish|list|load}: the round trip through a folder and a URL, and every usage error. */
class ZooCommandTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void isolateTheZoo() {
        // never the user's ~/.djl-suite/zoo or shared cache
        System.setProperty(ZooRepository.LOCATION_PROPERTY, tmp.resolve("default-zoo").toString());
        System.setProperty(ZooRepository.CACHE_PROPERTY, tmp.resolve("cache").toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(ZooRepository.LOCATION_PROPERTY);
        System.clearProperty(ZooRepository.CACHE_PROPERTY);
    }

    private static Path onlyRun(Path out) throws Exception {
        try (var s = Files.list(out.resolve("train-mlp"))) {
            return s.findFirst().orElseThrow();
        }
    }

    @Test
    void publishListAndLoadRoundTrip() throws Exception {
        String repo = tmp.resolve("repo").toString();
        Result train = suite("train", "mlp", "--data", "uci/iris", "--epochs", "5", "--set", "hidden=8",
                "--set", "learning_rate=0.05", "--out", tmp.resolve("runs").toString(), "--no-progress");
        assertEquals(0, train.code(), train.err());
        Path run = onlyRun(tmp.resolve("runs"));

        Result pub = suite("zoo", "publish", "--from", run.toString(), "--zoo", repo);
        assertEquals(0, pub.code(), pub.err() + pub.out());
        assertTrue(pub.out().contains("published mlp 0.1.0 (uci/iris, test_accuracy="), pub.out());
        assertTrue(pub.out().contains("sha256 "), pub.out());

        Result again = suite("zoo", "publish", "--from", run.toString(), "--zoo", repo, "--version", "0.1.0");
        assertEquals(1, again.code(), again.out());
        assertTrue(again.err().contains("already published") && again.err().contains("immutable"), again.err());

        // publish <model>: trains on the default dataset (uci/iris) through the same path, next version
        Result trained = suite("zoo", "publish", "mlp", "--epochs", "2", "--zoo", repo, "--out",
                tmp.resolve("runs2").toString(), "--no-progress", "--engine", "MXNet");
        assertEquals(0, trained.code(), trained.err() + trained.out());
        assertTrue(trained.out().contains("published mlp 0.1.1 (uci/iris"), trained.out());

        Result list = suite("zoo", "list", "--zoo", repo);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("mlp") && l.contains("0.1.0") && l.contains("uci/iris")
                && l.contains("test_accuracy=") && l.contains("PyTorch")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.contains("0.1.1") && l.contains("MXNet")), list.out());

        Result load = suite("zoo", "load", "mlp", "--zoo", repo, "--version", "0.1.0", "--engine", "MXNet");
        assertEquals(0, load.code(), load.err() + load.out());
        assertTrue(load.out().contains("loaded mlp 0.1.0") && load.out().contains("on MXNet"), load.out());
        assertTrue(load.out().contains("sample: uci/iris test example 0 (label "), load.out());
        assertTrue(load.out().lines().anyMatch(l -> l.matches("prediction: (\\S+ [01]\\.\\d{4}(, )?){3}")), load.out());

        // the same repository served over HTTP loads through the cache
        Path root = tmp.resolve("repo");
        try (LocalHttpServer server = new LocalHttpServer(); Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                server.serve("/r/" + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
            Result url = suite("zoo", "load", "mlp", "--zoo", server.url("/r/"), "--no-progress");
            assertEquals(0, url.code(), url.err() + url.out());
            assertTrue(url.out().contains("loaded mlp 0.1.1"), url.out());
            Result urlList = suite("zoo", "list", "--zoo", server.url("/r"));
            assertEquals(0, urlList.code(), urlList.err());
            assertTrue(urlList.out().contains("0.1.1"), urlList.out());
            Result urlPublish = suite("zoo", "publish", "--from", run.toString(), "--zoo", server.url("/r"));
            assertEquals(2, urlPublish.code());
        }
        assertTrue(Files.exists(tmp.resolve("cache")), "URL downloads go to the configured cache");
    }

    @Test
    void badUsageExitsTwoAndFailuresExitOne() {
        String repo = tmp.resolve("repo").toString();
        int[] usage = {
            suite("zoo").code(),
            suite("zoo", "frobnicate").code(),
            suite("zoo", "publish", "--zoo", repo).code(),
            suite("zoo", "publish", "mlp", "--from", tmp.toString(), "--zoo", repo).code(),
            suite("zoo", "publish", "--from", tmp.toString(), "--epochs", "3", "--zoo", repo).code(),
            suite("zoo", "publish", "resnet", "--zoo", repo).code(),
            suite("zoo", "publish", "mlp", "--data", "cora", "--zoo", repo).code(),
            suite("zoo", "load", "--zoo", repo).code(),
            suite("zoo", "load", "resnet", "--zoo", repo).code(),
            suite("zoo", "list", "--zoo", "ftp://example.org/zoo").code(),
            suite("zoo", "list", "--bogus").code(),
            suite("zoo", "list", "extra").code(),
        };
        for (int i = 0; i < usage.length; i++) {
            assertEquals(2, usage[i], "case " + i);
        }
        Result missing = suite("zoo", "publish", "--from", tmp.resolve("nothing").toString(), "--zoo", repo);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("model.json is missing"), missing.err());
        Result empty = suite("zoo", "load", "mlp", "--zoo", repo);
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("has no mlp"), empty.err());
        Result emptyList = suite("zoo", "list", "--zoo", repo);
        assertEquals(0, emptyList.code());
        assertTrue(emptyList.out().contains("no models in"), emptyList.out());
        Result help = suite("zoo", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("publish --from DIR"), help.out());
    }

    @Test
    void aCtrModelPublishesWithItsEncoderAndLoadsThroughCriteria() throws Exception {
        String repo = tmp.resolve("repo").toString();
        Result train = suite("train", "finalmlp", "--data", "criteo-sample", "--epochs", "1", "--out",
                tmp.resolve("runs").toString(), "--no-progress");
        assertEquals(0, train.code(), train.err() + train.out());
        Path run;
        try (var s = Files.list(tmp.resolve("runs").resolve("train-finalmlp"))) {
            run = s.findFirst().orElseThrow();
        }
        assertTrue(Files.isRegularFile(run.resolve("encoder.json")), "the encoder is saved with the model");
        assertEquals(0, suite("zoo", "publish", "--from", run.toString(), "--zoo", repo).code());
        Result load = suite("zoo", "load", "finalmlp", "--zoo", repo, "--engine", "MXNet", "--no-progress");
        assertEquals(0, load.code(), load.err() + load.out());
        assertTrue(load.out().contains("loaded finalmlp 0.1.0"), load.out());
        assertTrue(load.out().lines().anyMatch(l -> l.matches("prediction: click probability per label \\[0\\.\\d+\\]")),
                load.out());
    }

    @Test
    void aTokenModelLoadsThroughCriteriaAndClassifiesATestExample() throws Exception {
        String repo = tmp.resolve("repo").toString();
        Result train = suite("train", "bow", "--data", "listops", "--epochs", "1", "--out",
                tmp.resolve("runs").toString(), "--no-progress");
        assertEquals(0, train.code(), train.err() + train.out());
        Path run;
        try (var s = Files.list(tmp.resolve("runs").resolve("train-bow"))) {
            run = s.findFirst().orElseThrow();
        }
        assertEquals(0, suite("zoo", "publish", "--from", run.toString(), "--zoo", repo).code());
        Result load = suite("zoo", "load", "bow", "--zoo", repo, "--engine", "MXNet", "--no-progress");
        assertEquals(0, load.code(), load.err() + load.out());
        assertTrue(load.out().contains("sample: listops test example 0 ("), load.out());
        assertTrue(load.out().lines().anyMatch(l -> l.matches("prediction: (\\S+ [01]\\.\\d{4}(, )?){5}")), load.out());
    }

    @Test
    void aGraphModelLoadsThroughCriteriaAndServesItsTestAccuracy() throws Exception {
        String repo = tmp.resolve("repo").toString();
        Result train = suite("train", "gcn", "--data", "cora", "--epochs", "20", "--out", tmp.resolve("runs").toString(),
                "--no-progress");
        assertEquals(0, train.code(), train.err() + train.out());
        double trained = Double.parseDouble(train.out().lines().filter(l -> l.trim().startsWith("test_accuracy"))
                .findFirst().orElseThrow(() -> new AssertionError(train.out())).trim().split("\\s+")[1]);
        Path run;
        try (var s = Files.list(tmp.resolve("runs").resolve("train-gcn"))) {
            run = s.findFirst().orElseThrow();
        }
        assertEquals(0, suite("zoo", "publish", "--from", run.toString(), "--zoo", repo).code());
        Result load = suite("zoo", "load", "gcn", "--zoo", repo, "--engine", "MXNet", "--no-progress");
        assertEquals(0, load.code(), load.err() + load.out());
        assertTrue(load.out().contains("sample: cora (2708 nodes), node 0 (label "), load.out());
        String line = load.out().lines().filter(l -> l.startsWith("served test accuracy: ")).findFirst()
                .orElseThrow(() -> new AssertionError(load.out()));
        assertTrue(line.endsWith("of 1000 test nodes)"), line);
        double served = Double.parseDouble(line.split(" ")[3]);
        // trained on PyTorch, served on MXNet: the same model, so the same test accuracy (to one node of 1000)
        assertEquals(trained, served, 1.5e-3, train.out() + load.out());
        assertTrue(served > 0.5, "20 epochs of GCN on Cora are far above chance (1/7): " + served);
    }
}
