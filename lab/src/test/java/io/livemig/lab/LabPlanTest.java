package io.livemig.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livemig.evaluate.LabRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LabPlanTest {
    private static List<LabPlan.Point> parse(String... lines) {
        return LabPlan.parse("plan.csv", List.of(lines));
    }

    @Test
    void readsPointsSkippingCommentsAndBlankLines() {
        List<LabPlan.Point> points = parse(
                "# the grid",
                LabPlan.HEADER,
                "",
                "uniform,8000,32,256,200,100,1,1,20",
                "bursty,4000,64,512,1000,300,2,7,30");
        assertThat(points).hasSize(2);
        LabPlan.Point p = points.get(1);
        assertThat(p.shape()).isEqualTo(WorkloadShape.BURSTY);
        assertThat(p.regionPages()).isEqualTo(64 * 256);
        assertThat(p.memoryPages()).isEqualTo(512 * 256);
        assertThat(p.id()).isEqualTo("bursty-r4000-w64-m512-l1000-d300-s7-n2");
        assertThat(p.configuration()).isEqualTo("bursty-r4000-w64-m512-l1000-d300-s7");
        assertThat(LabPlan.parse("again.csv", List.of(LabPlan.HEADER, p.csv()))).containsExactly(p);
    }

    @Test
    void badRowsNameFileLineAndValue() {
        assertThatThrownBy(() -> parse(
                        LabPlan.HEADER, "uniform,8000,32,256,200,100,1,1,20", "uniform,fast,32,256,200,100,1,1,20"))
                .hasMessage("plan.csv:3: rate_pages_s must be a whole number, got 'fast'");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "zipf,8000,32,256,200,100,1,1,20"))
                .hasMessage("plan.csv:2: shape must be one of [uniform, hotcold, sequential, bursty], got 'zipf'");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "uniform,8000,32,256,-200,100,1,1,20"))
                .hasMessage("plan.csv:2: link_mbit must be > 0, got -200");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "uniform,8000,32,256,200,100,1,1"))
                .hasMessageStartingWith("plan.csv:2: expected 9 fields");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "uniform,8000,200,256,200,100,1,1,20"))
                .hasMessage("plan.csv:2: region_mib must be at most half of memory_mib (256), got 200");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "uniform,8000,8,64,200,100,1,1,20"))
                .hasMessage("plan.csv:2: memory_mib must be 96 to 3072 MiB (the guest does not boot in less;"
                        + " guest-physical = RAM offset below 3.5 GiB), got 64");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "uniform,8000,32,4096,200,100,1,1,20"))
                .hasMessageStartingWith("plan.csv:2: memory_mib must be 96 to 3072 MiB")
                .hasMessageEndingWith("got 4096");
        assertThatThrownBy(() -> parse(LabPlan.HEADER, "bursty,90000,32,256,200,100,1,1,20"))
                .hasMessage(
                        "plan.csv:2: rate_pages_s writes 36000 pages in a unit, more than the region (8192 pages), got 90000");
        assertThatThrownBy(() -> parse(
                        LabPlan.HEADER, "uniform,8000,32,256,200,100,1,1,20", "uniform,8000,32,256,200,100,1,1,20"))
                .hasMessage("plan.csv:3: the point uniform-r8000-w32-m256-l200-d100-s1-n1 is already in the plan");
        assertThatThrownBy(() -> parse("shape,rate,memory", "uniform,1,2"))
                .hasMessage("plan.csv:1: expected the header " + LabPlan.HEADER + ", got shape,rate,memory");
        assertThatThrownBy(() -> parse("# nothing"))
                .hasMessage("plan.csv: empty plan; expected the header " + LabPlan.HEADER);
    }

    @Test
    void theDatasetGridIsFourShapesThreeLinksTwoMemoriesTwoLimitsThreeRepeats() {
        List<LabPlan.Point> grid = LabPlan.grid(3);
        assertThat(grid).hasSize(4 * 3 * 2 * 2 * 3);
        assertThat(grid.stream().map(LabPlan.Point::shape).distinct()).hasSize(4);
        assertThat(grid.stream().map(LabPlan.Point::linkMbit).distinct()).containsExactly(200, 500, 1000);
        assertThat(grid.stream().map(LabPlan.Point::memoryMiB).distinct()).containsExactly(256, 512);
        assertThat(grid.stream().map(LabPlan.Point::downtimeLimitMs).distinct()).containsExactly(100, 300);
        // repeat by repeat: the first third is every configuration once
        assertThat(grid.subList(0, 48).stream().map(LabPlan.Point::repeat).collect(Collectors.toSet()))
                .containsExactly(1);
        assertThat(grid.stream().map(LabPlan.Point::configuration).distinct()).hasSize(48);
    }

    @Test
    void theCommittedPlanIsTheGrid() throws Exception {
        Path plan = Path.of(System.getProperty("livemig.root", "..")).resolve("data/qemu-lab/plan.csv");
        assertThat(Files.exists(plan)).as(plan + " exists").isTrue();
        assertThat(LabPlan.read(plan)).isEqualTo(LabPlan.grid(3));
    }

    @Test
    void resumeSkipsRecordedPointsAndKeepsPlanOrder() {
        List<LabPlan.Point> grid = LabPlan.grid(1);
        List<LabRun> done = List.of(run(grid.get(0)), run(grid.get(5)));
        List<LabPlan.Point> todo = LabCommand.pending(grid, done);
        assertThat(todo).hasSize(grid.size() - 2).doesNotContain(grid.get(0), grid.get(5));
        assertThat(todo.get(0)).isEqualTo(grid.get(1));
        assertThat(LabCommand.pending(grid, grid.stream().map(LabPlanTest::run).toList()))
                .isEmpty();
    }

    static LabRun run(LabPlan.Point p) {
        return new LabRun(
                p.id(),
                p.shape().label(),
                p.ratePagesPerSecond(),
                p.regionPages(),
                p.memoryMiB(),
                p.linkMbit(),
                p.downtimeLimitMs(),
                p.repeat(),
                p.seed(),
                p.timeoutSeconds(),
                LabRun.COMPLETED,
                2000,
                100,
                1,
                100_000_000,
                20_000,
                40_000,
                4,
                2,
                500,
                480,
                26_000,
                0,
                "traces/x.lmt",
                "0:1000:8192",
                3,
                0.5,
                2,
                0,
                14,
                20);
    }
}
