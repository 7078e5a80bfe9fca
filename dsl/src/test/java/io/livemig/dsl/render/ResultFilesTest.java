package io.livemig.dsl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    @TempDir
    Path dir;

    @Test
    void eachExtensionWritesItsFormat() throws Exception {
        var p = RenderersTest.prediction();
        ResultFiles.save(p, dir.resolve("p.svg"));
        ResultFiles.save(p, dir.resolve("p.png"));
        ResultFiles.save(p, dir.resolve("p.html"));
        ResultFiles.save(p, dir.resolve("p.csv"));
        ResultFiles.save(p, dir.resolve("p.txt"));
        assertThat(Files.readString(dir.resolve("p.svg")))
                .startsWith("<?xml")
                .contains("<svg")
                .contains("xmlns='http://www.w3.org/2000/svg'");
        RenderersTest.assertPng(Files.readAllBytes(dir.resolve("p.png")));
        assertThat(Files.readString(dir.resolve("p.html")))
                .startsWith("<!DOCTYPE html>")
                .contains("<table")
                .contains("<svg")
                .doesNotContain("<script");
        assertThat(Files.readAllLines(dir.resolve("p.csv")).get(0))
                .isEqualTo("iteration,sent_pages,duration_s,dirtied_pages,eligible_pages,skipped_pages,stop_and_copy");
        assertThat(Files.readAllLines(dir.resolve("p.csv")))
                .hasSize(p.iterations().size() + 1);
        assertThat(Files.readString(dir.resolve("p.txt"))).startsWith(p.toString());
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("p.svg", "p.png", "p.html", "p.csv", "p.txt");
        }
    }

    @Test
    void aNewFileReplacesTheOldOne() throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "old");
        ResultFiles.save(RenderersTest.numbers(2), f);
        assertThat(Files.readString(f)).startsWith("n,half");
    }

    @Test
    void createsMissingFolders() {
        Path f = dir.resolve("a/b/t.txt");
        ResultFiles.save(RenderersTest.numbers(2), f);
        assertThat(f).exists();
    }

    @Test
    void anUnknownExtensionListsTheKnownOnes() {
        assertThatThrownBy(() -> ResultFiles.save(RenderersTest.numbers(2), dir.resolve("t.pdf")))
                .hasMessage("save('t.pdf'): unknown file type '.pdf'; expected one of .svg, .png, .html, .csv, .txt");
        assertThat(dir.resolve("t.pdf")).doesNotExist();
    }

    @Test
    void aTableHasNoChartToSave() {
        assertThatThrownBy(() -> ResultFiles.save(RenderersTest.numbers(2), dir.resolve("t.svg")))
                .hasMessage("save('t.svg'): a Table has no chart; expected .html, .csv or .txt");
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> ResultFiles.save(RenderersTest.numbers(2), blocker.resolve("t.csv")))
                .hasMessageContaining("cannot create its folder")
                .hasMessageEndingWith("file: exists and is not a folder");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("file");
        }
    }

    @Test
    void theCommandLineCsvOutputsAreCsvWhateverTheNameAndReplaceAtomically() throws Exception {
        Path f = dir.resolve("rows.out");
        Files.writeString(f, "old");
        ResultFiles.writeCsv(RenderersTest.numbers(2), f);
        assertThat(Files.readString(f)).doesNotContain("old").contains(",");
        try (var files = Files.list(dir)) {
            assertThat(files.map(x -> x.getFileName().toString())).containsExactly("rows.out"); // no temporary left
        }
    }
}
