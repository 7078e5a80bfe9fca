package io.livemig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures README.md publishes, read from README.md itself so a golden test and the README cannot drift: a test
 * recomputes the figure and compares it with the number as printed, to the printed precision.
 */
public final class ReadmeFigures {
    private ReadmeFigures() {}

    /** A figure as printed: its value and the half-unit of its last printed digit (the rounding tolerance). */
    public record Figure(double value, double halfUlp, String text) {
        /** True when {@code computed} rounds to this figure ({@code ∞} matches only infinity). */
        public boolean matches(double computed) {
            if (Double.isInfinite(value)) return Double.isInfinite(computed);
            return Math.abs(computed - value) <= halfUlp + 1e-9;
        }
    }

    public static Path readme() {
        String root = System.getProperty("livemig.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("core")))
                return p.resolve("README.md");
        }
        throw new IllegalStateException("README.md not found above " + base);
    }

    /** The rows of the first Markdown table whose header line starts with {@code headerStart}, cells trimmed. */
    public static List<List<String>> table(String headerStart) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(headerStart)) continue;
            List<List<String>> rows = new ArrayList<>();
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) rows.add(cells(lines.get(j)));
            assertThat(rows).as("rows of the README table '%s'", headerStart).isNotEmpty();
            return rows;
        }
        throw new AssertionError("README.md has no table starting with '" + headerStart + "'");
    }

    public static List<String> cells(String line) {
        String s = line.trim();
        s = s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length());
        return Arrays.stream(s.split("\\|", -1)).map(String::trim).toList();
    }

    private static final Pattern NUMBER = Pattern.compile("∞|-?\\d+(?:\\.(\\d+))?");

    /** The numbers in a cell, in order ({@code "**11.86** (14.17)"} → 11.86, 14.17), bold and units ignored. */
    public static List<Figure> figures(String cell) {
        List<Figure> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(cell.replace("**", ""));
        while (m.find()) {
            if (m.group().equals("∞")) {
                out.add(new Figure(Double.POSITIVE_INFINITY, 0, "∞"));
                continue;
            }
            int decimals = m.group(1) == null ? 0 : m.group(1).length();
            out.add(new Figure(Double.parseDouble(m.group()), 0.5 * Math.pow(10, -decimals), m.group()));
        }
        return out;
    }

    /** The first identifier in a cell ({@code **proposed_noskip_eff_cv**, leave-one-…} → proposed_noskip_eff_cv). */
    public static String name(String cell) {
        Matcher m = Pattern.compile("[a-z][A-Za-z0-9_]*[A-Za-z0-9]")
                .matcher(cell.replace("**", "").replace("`", ""));
        return m.find() ? m.group() : "";
    }
}
