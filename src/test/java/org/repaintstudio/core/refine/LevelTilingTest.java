package org.repaintstudio.core.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.image.Mask;
import org.repaintstudio.core.inpaint.CropPlan;
import org.repaintstudio.core.schedule.SchedulerConfig;

class LevelTilingTest {

    @Test
    void tilesCoverTheDilatedMaskAndOnlyTouchIt() {
        // Two small marks far apart on a large photo: the grid over their bounding box is mostly empty.
        Mask mask = RefinerTest.rect(2560, 1600, 1000, 700, 30, 30);
        for (int y = 900; y < 930; y++) {
            for (int x = 1400; x < 1430; x++) {
                mask.set(x, y, true);
            }
        }
        RefineOptions opts = RefineOptions.defaults().withOverlap(16).withDilation(3);
        RefinePlan plan = RefinePlan.plan(mask, CropPlan.plan(mask, 64, 0.5).scale(), 64, SchedulerConfig.defaults(), opts);
        RefineLevel last = plan.levels().get(plan.levels().size() - 1);
        assertThat(last.scale()).isEqualTo(1);
        for (RefineLevel level : plan.levels()) {
            assertCovered(level, mask, opts);
            assertEveryTileTouchesRedraw(level);
        }
        int gridTiles = (int) Math.ceil((430 + 2 * 4 - 64) / 48.0 + 1) * (int) Math.ceil((230 + 2 * 4 - 64) / 48.0 + 1);
        assertThat(last.tiles().size()).isLessThan(gridTiles / 2);
    }

    private static void assertCovered(RefineLevel level, Mask mask, RefineOptions opts) {
        Mask.Box c = level.canvas();
        int s = level.scale();
        int d = level.scale() == 1 ? Math.max(opts.dilation(), opts.blendWidth()) : opts.dilation();
        for (int v = 0; v < c.height(); v++) {
            for (int u = 0; u < c.width(); u++) {
                boolean redraw = level.redraw()[v * c.width() + u];
                assertThat(redraw).isEqualTo(nearMask(mask, (c.x() + u) * s, (c.y() + v) * s, s, d));
                if (redraw) {
                    assertThat(inSomeTile(level.tiles(), c.x() + u, c.y() + v)).as("cell %d,%d", u, v).isTrue();
                }
            }
        }
    }

    /** Whether a masked image pixel lies under a level pixel within d level pixels of (x, y). */
    private static boolean nearMask(Mask mask, int x, int y, int s, int d) {
        for (int yy = Math.max(0, y - d * s); yy < Math.min(mask.height(), y + (d + 1) * s); yy++) {
            for (int xx = Math.max(0, x - d * s); xx < Math.min(mask.width(), x + (d + 1) * s); xx++) {
                if (mask.isFill(xx, yy)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inSomeTile(List<Mask.Box> tiles, int u, int v) {
        return tiles.stream().anyMatch(t -> u >= t.x() && u < t.right() && v >= t.y() && v < t.bottom());
    }

    private static void assertEveryTileTouchesRedraw(RefineLevel level) {
        Mask.Box c = level.canvas();
        for (Mask.Box t : level.tiles()) {
            boolean any = false;
            for (int v = t.y(); v < t.bottom() && !any; v++) {
                for (int u = t.x(); u < t.right() && !any; u++) {
                    any = level.redraw()[(v - c.y()) * c.width() + u - c.x()];
                }
            }
            assertThat(any).as("tile %s touches the redrawn area", t).isTrue();
        }
    }

    @Test
    void neighbouringTilesOverlapByAtLeastTheOption() {
        int[] xs = LevelTiling.positions(10, 300, 1000, 64, 20);
        assertThat(xs[0]).isEqualTo(10);
        assertThat(xs[xs.length - 1] + 64).isEqualTo(310);
        for (int i = 1; i < xs.length; i++) {
            assertThat(xs[i - 1] + 64 - xs[i]).isGreaterThanOrEqualTo(20);
        }
        assertThat(LevelTiling.positions(5, 20, 1000, 64, 20)).containsExactly(0);
        assertThat(LevelTiling.positions(0, 40, 40, 64, 20)).containsExactly(-12);
    }

    @Test
    void blendWeightsOfOverlappingTilesSumToOne() {
        Mask.Box canvas = new Mask.Box(0, 0, 100, 70);
        List<Mask.Box> tiles = List.of(new Mask.Box(0, 0, 40, 40), new Mask.Box(30, 0, 40, 40),
                new Mask.Box(60, 0, 40, 40), new Mask.Box(0, 30, 40, 40), new Mask.Box(50, 30, 40, 40));
        TileBlend blend = new TileBlend(canvas, tiles, 40);
        float[] ones = new float[3 * 40 * 40];
        java.util.Arrays.fill(ones, 1f);
        float[] fused = new float[3 * 100 * 70];
        for (Mask.Box t : tiles) {
            blend.accumulate(ones, 3, 0, t, fused);
        }
        for (int p = 0; p < 100 * 70; p++) {
            int x = p % 100;
            int y = p / 100;
            boolean covered = tiles.stream().anyMatch(t -> x >= t.x() && x < t.right() && y >= t.y() && y < t.bottom());
            assertThat(fused[p]).as("pixel %d,%d", x, y).isCloseTo(covered ? 1f : 0f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
