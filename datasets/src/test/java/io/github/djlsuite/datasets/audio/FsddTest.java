package io.github.djlsuite.datasets.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.DataRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddTest {

    private static final Path DIR = Path.of(System.getenv("SUITE_DATA")).resolve("fsdd");
    private static Fsdd fsdd;
    private static List<FsddArchive.Recording> all;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        long t0 = System.nanoTime();
        all = FsddArchive.readAll(DIR);
        long t1 = System.nanoTime();
        fsdd = Fsdd.load(null, Fsdd.Options.defaults());
        long t2 = System.nanoTime();
        AudioFeatures fe = AudioFeatures.builder().build();
        for (FsddArchive.Recording r : all) {
            fe.logMel(Wav.toFloat(r.pcm()));
        }
        long t3 = System.nanoTime();
        System.out.printf("FSDD: read+parse 3000 WAVs from tar.gz %.2f s; full load (sha256 + read + log-mel) %.2f s;"
                + " log-mel of all 3000 in memory %.2f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    @Test
    void archiveMatchesTheReadmeCounts() {
        assertEquals(3000, all.size());
        int[] perDigit = new int[10];
        long samples = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (FsddArchive.Recording r : all) {
            perDigit[r.entry().digit()]++;
            assertEquals(r.entry().samples(), r.pcm().length);
            samples += r.pcm().length;
            min = Math.min(min, r.pcm().length);
            max = Math.max(max, r.pcm().length);
        }
        int[] three = new int[10];
        Arrays.fill(three, 300);
        assertArrayEquals(three, perDigit);
        assertEquals(1148, min);
        assertEquals(18262, max);
        assertEquals(3499, Math.round(samples / 3000.0), "README: mean 3,499 samples");
    }

    @Test
    void standardSplitAndLabels() {
        Fsdd.Part tr = fsdd.train();
        Fsdd.Part te = fsdd.test();
        assertEquals(2700, tr.size());
        assertEquals(300, te.size());
        assertEquals(List.of("george", "jackson", "lucas", "nicolas", "theo", "yweweler"), fsdd.speakerNames());
        int[][] counts = new int[6][10];
        for (int i = 0; i < te.size(); i++) {
            assertTrue(te.takes()[i] <= 4);
            counts[te.speakers()[i]][te.digits()[i]]++;
        }
        for (int[] row : counts) {
            for (int c : row) {
                assertEquals(5, c, "5 test takes per speaker and digit");
            }
        }
        counts = new int[6][10];
        for (int i = 0; i < tr.size(); i++) {
            assertTrue(tr.takes()[i] >= 5 && tr.takes()[i] <= 49);
            counts[tr.speakers()[i]][tr.digits()[i]]++;
        }
        for (int[] row : counts) {
            for (int c : row) {
                assertEquals(45, c, "45 train takes per speaker and digit");
            }
        }
        assertEquals("0_george_0.wav", te.files().get(0));
        assertEquals(0, te.digits()[0]);
        assertEquals(0, te.speakers()[0]);
        assertEquals("0_george_10.wav", tr.files().get(0));
    }

    @Test
    void featuresArePaddedCroppedAndEqualTheFrontEnd() {
        Fsdd.Part te = fsdd.test();
        AudioFeatures fe = fsdd.options().features();
        assertEquals(100, te.frames());
        assertEquals(40, te.featureSize());
        assertEquals(300 * 100 * 40, te.features().length);
        int cropped = 0;
        for (FsddArchive.Recording r : all) {
            if (!r.entry().test()) {
                if (fe.numFrames(r.pcm().length) > 100) {
                    cropped++;
                }
                continue;
            }
            int i = te.files().indexOf(r.entry().file());
            float[] want = fe.logMel(Wav.toFloat(r.pcm()));
            int t = fe.numFrames(r.pcm().length);
            assertEquals(Math.min(t, 100), te.lengths()[i]);
            for (int k = 0; k < 100 * 40; k++) {
                float got = te.features()[i * 4000 + k];
                assertEquals(k < t * 40 ? want[k] : 0f, got, 0f, r.entry().file() + " value " + k);
            }
        }
        assertTrue(cropped > 0 && cropped < 30, "about 0.5% of train cropped: " + cropped);
    }

    @Test
    void mfccAndStandardisedVariants() throws IOException {
        Fsdd m = Fsdd.load(null, Fsdd.Options.builder().kind(Fsdd.Kind.MFCC).maxFrames(50).standardize(true)
                .verifyChecksums(false).build());
        Fsdd.Part tr = m.train();
        assertEquals(13, tr.featureSize());
        assertEquals(2700 * 50 * 13, tr.features().length);
        double[] sum = new double[13];
        double[] sq = new double[13];
        long n = 0;
        for (int i = 0; i < tr.size(); i++) {
            for (int t = 0; t < 50; t++) {
                for (int f = 0; f < 13; f++) {
                    float v = tr.feature(i, t, f);
                    if (t >= tr.lengths()[i]) {
                        assertEquals(0f, v, 0f, "padding stays 0");
                    } else {
                        sum[f] += v;
                        sq[f] += v * v;
                    }
                }
            }
            n += tr.lengths()[i];
        }
        for (int f = 0; f < 13; f++) {
            assertEquals(0, sum[f] / n, 1e-4, "train mean of dim " + f);
            assertEquals(1, sq[f] / n, 1e-3, "train variance of dim " + f);
        }
    }

    @Test
    void djlDatasetsHaveTheDocumentedShapes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset ds = fsdd.test().toDataset(manager, 32, false, Fsdd.Target.SPEAKER, true);
            assertEquals(300, ds.size());
            Batch b = ds.getData(manager).iterator().next();
            NDList data = b.getData();
            assertEquals(new Shape(32, 100, 40), data.get(0).getShape());
            assertEquals(new Shape(32), data.get(1).getShape());
            assertEquals(new Shape(32), b.getLabels().get(0).getShape());
            float[] y = b.getLabels().get(0).toFloatArray();
            for (int i = 0; i < 32; i++) {
                assertEquals(fsdd.test().speakers()[i], (int) y[i]);
            }
            b.close();
            ArrayDataset tr = fsdd.trainDataset(manager, 64, true, Fsdd.Target.DIGIT);
            assertEquals(2700, tr.size());
            Batch c = tr.getData(manager).iterator().next();
            assertEquals(1, c.getData().size());
            c.close();
        }
    }

    @Test
    void ourParserAgreesWithJavaSound() throws Exception {
        Path archive = DIR.resolve(FsddArchive.ARCHIVE);
        // re-read the first entries' raw bytes and decode them with javax.sound
        List<byte[]> raw = new ArrayList<>();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(Files.newInputStream(archive)))) {
            while (raw.size() < 25 && tar.getNextEntry() != null) {
                raw.add(tar.readAllBytes());
            }
        }
        for (int k = 0; k < raw.size(); k++) {
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(raw.get(k)))) {
                AudioFormat f = in.getFormat();
                assertEquals(8000f, f.getSampleRate(), 0f);
                assertEquals(1, f.getChannels());
                assertEquals(16, f.getSampleSizeInBits());
                byte[] pcm = in.readAllBytes();
                short[] ours = all.get(k).pcm();
                assertEquals(ours.length * 2, pcm.length);
                for (int i = 0; i < ours.length; i++) {
                    assertEquals(ours[i], (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8)));
                }
            }
        }
    }

    @Test
    void locatesThroughDataRoot() throws IOException {
        assertEquals(DIR.toAbsolutePath().normalize(), DataRoot.locate("fsdd", null));
    }

    @Test
    void cutArchiveIsADataFormatExceptionNamingTheFile() throws IOException {
        Path dir = copy();
        Path archive = dir.resolve(FsddArchive.ARCHIVE);
        byte[] whole = Files.readAllBytes(archive);
        Random rnd = new Random(7);
        List<String> speakers = FsddArchive.readSpeakers(dir.resolve(FsddArchive.SPEAKERS)).stream()
                .map(FsddArchive.Speaker::name).toList();
        List<FsddArchive.Entry> index = FsddArchive.readIndex(dir.resolve(FsddArchive.INDEX), speakers);
        int[] cuts = {0, 5, 100, rnd.nextInt(whole.length), rnd.nextInt(whole.length), whole.length - 10};
        for (int cut : cuts) {
            Files.write(archive, Arrays.copyOf(whole, cut));
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> FsddArchive.forEach(archive, index, (row, pcm) -> { }), "cut at " + cut);
            assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
        }
        // a flipped byte inside the deflate stream
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x5A;
        Files.write(archive, flipped);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> FsddArchive.forEach(archive, index, (row, pcm) -> { }));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
        // the loader: checksums first, then (without them) the stream itself
        Files.write(archive, Arrays.copyOf(whole, whole.length / 3));
        e = assertThrows(DataFormatException.class, () -> Fsdd.loadFrom(dir, Fsdd.Options.defaults()));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("bytes"), e.getMessage());
        e = assertThrows(DataFormatException.class,
                () -> Fsdd.loadFrom(dir, Fsdd.Options.builder().verifyChecksums(false).build()));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
    }

    @Test
    void indexDisagreementsAreCaught() throws IOException {
        Path dir = copy();
        Path index = dir.resolve(FsddArchive.INDEX);
        List<String> lines = Files.readAllLines(index, StandardCharsets.US_ASCII);
        Fsdd.Options noSha = Fsdd.Options.builder().verifyChecksums(false).build();
        // wrong sample count -> found by the archive cross-check, naming the entry
        List<String> a = new ArrayList<>(lines);
        a.set(11, a.get(11).replaceAll(",(\\d+)$", ",1$1"));
        Files.write(index, a, StandardCharsets.US_ASCII);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Fsdd.loadFrom(dir, noSha));
        assertTrue(e.getMessage().contains("recordings.tar.gz") && e.getMessage().contains("entry recordings/"),
                e.getMessage());
        // label disagreeing with the file name
        List<String> b = new ArrayList<>(lines);
        b.set(2, b.get(2).replace(",0,george,", ",1,george,"));
        Files.write(index, b, StandardCharsets.US_ASCII);
        e = assertThrows(DataFormatException.class, () -> Fsdd.loadFrom(dir, noSha));
        assertTrue(e.getMessage().contains("index.csv (line 3)"), e.getMessage());
        // wrong split
        List<String> c = new ArrayList<>(lines);
        c.set(2, c.get(2).replace(",test,", ",train,"));
        Files.write(index, c, StandardCharsets.US_ASCII);
        e = assertThrows(DataFormatException.class, () -> Fsdd.loadFrom(dir, noSha));
        assertTrue(e.getMessage().contains("split"), e.getMessage());
        // a missing row
        List<String> d = new ArrayList<>(lines);
        d.remove(500);
        Files.write(index, d, StandardCharsets.US_ASCII);
        assertThrows(DataFormatException.class, () -> Fsdd.loadFrom(dir, noSha));
    }

    private Path copy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fsdd"));
        for (String f : List.of(FsddArchive.ARCHIVE, FsddArchive.INDEX, FsddArchive.SPEAKERS)) {
            Files.copy(DIR.resolve(f), dir.resolve(f));
        }
        return dir;
    }
}
