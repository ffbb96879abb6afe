package io.github.djlsuite.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.djlsuite.core.Paper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final Paper PAPER = new Paper("demo", "A Demo", "A. Author", "arXiv", 2024, "https://arxiv.org/abs/0");
    private static final Environment ENV = new Environment("PyTorch", "2.7.1", "cpu()", 2, "intra-op 2", 42, "smoke",
            "2026-11-28T00:00:00Z", "OpenJDK 17", "Linux amd64");

    @TempDir
    Path tmp;

    @Test
    void writesMarkdownJsonAndReadablePngs() throws Exception {
        Report r = new Report(PAPER, "Test RMSE", ENV)
                .addTable(new Table("RMSE", List.of("task", "method", "baseline")).addRow("f1", 0.0123, 0.25))
                .addChart(new Chart("curves", "Loss", "step", "loss", true)
                        .addSeries("method", new double[] {1, 2, 3}, new double[] {1, 0.1, 0})
                        .addSeries("baseline", new double[] {1, 2, 3}, new double[] {1, 0.5, 0.4}))
                .putMetric("steps", 3).addNote("method beats baseline on f1");
        r.write(tmp);
        String md = Files.readString(tmp.resolve(Report.MARKDOWN));
        assertTrue(md.contains("| f1 | 0.01230 | 0.2500 |"), md);
        assertTrue(md.contains("![Loss](curves.png)"), md);
        assertTrue(md.contains("PyTorch 2.7.1"), md);
        JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve(Report.JSON))).getAsJsonObject();
        assertEquals(0.25, json.getAsJsonArray("tables").get(0).getAsJsonObject().getAsJsonArray("rows").get(0)
                .getAsJsonObject().get("baseline").getAsDouble(), 0);
        assertEquals("smoke", json.getAsJsonObject("environment").get("scale").getAsString());
        BufferedImage png = ImageIO.read(tmp.resolve("curves.png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(500, png.getHeight());
    }

    @Test
    void textTableAlignsColumnsAndRejectsRaggedRows() {
        Table t = new Table("RMSE", List.of("task", "S-KAN", "MLP")).addRow("f1", 0.5, 1.25);
        String[] lines = t.toText().split("\n");
        assertEquals("task   S-KAN    MLP", lines[1]); // text left-aligned, numbers right-aligned
        assertEquals("f1    0.5000  1.250", lines[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.addRow("f2", 1.0));
        assertTrue(e.getMessage().contains("2 cells") && e.getMessage().contains("3 columns"), e.getMessage());
    }
}
