package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MixtureLayoutTest {
    @Test
    void defaultModelWidth() {
        // K = 20, D = 12: 20 * (1 + 24 + 66) = 1820.
        assertEquals(1820, MixtureLayout.width(20, 12));
        assertEquals(66, new MixtureLayout(20, 12).triangleSize());
    }

    @Test
    void offsetsTileTheRowExactlyOnceInContractOrder() {
        int k = 4;
        int d = 5;
        MixtureLayout layout = new MixtureLayout(k, d);
        int[] hits = new int[layout.width()];
        for (int c = 0; c < k; c++) {
            assertEquals(c, layout.logitOffset(c));
            hits[layout.logitOffset(c)]++;
            for (int i = 0; i < d; i++) {
                assertEquals(k + c * d + i, layout.meanOffset(c, i));
                assertEquals(k + k * d + c * d + i, layout.logDiagonalOffset(c, i));
                hits[layout.meanOffset(c, i)]++;
                hits[layout.logDiagonalOffset(c, i)]++;
                for (int j = i + 1; j < d; j++) {
                    hits[layout.upperOffset(c, i, j)]++;
                }
            }
        }
        for (int h : hits) {
            assertEquals(1, h);
        }
        // Row-major strict upper triangle: (0,1) (0,2) ... (0,d-1) (1,2) ...
        assertEquals(layout.upperBlockOffset(2), layout.upperOffset(2, 0, 1));
        assertEquals(layout.upperBlockOffset(2) + d - 1, layout.upperOffset(2, 1, 2));
        assertEquals(layout.upperBlockOffset(2) + layout.triangleSize() - 1, layout.upperOffset(2, d - 2, d - 1));
    }

    @Test
    void refusesBadIndices() {
        MixtureLayout layout = new MixtureLayout(3, 4);
        assertThrows(IllegalArgumentException.class, () -> layout.upperOffset(0, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.meanOffset(3, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MixtureLayout(0, 4)).getMessage().contains("component"));
    }
}
