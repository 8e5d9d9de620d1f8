package org.repaintstudio.app.main;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.repaintstudio.core.inpaint.CropPlan;

class LargeShrinkQuestionTest {
    private final CropPlan plan = new CropPlan(0, 0, 576, 64, 10);

    @Test
    void withNativeResolutionDetailOnItPromisesTheSharpnessAndNamesWhatIsDecidedSmall() {
        String q = MainViewModel.largeShrinkQuestion("600 × 400 px", plan, true);
        assertThat(q).contains("600 × 400 px").contains("576 px square shrunk 9× to 64 px")
                .contains("redraws it up to the picture's own pixels").contains("smaller than about 9 px")
                .doesNotContain("fine detail will be lost");
    }

    @Test
    void withItOffItSaysFineDetailIsLostAndWhy() {
        String q = MainViewModel.largeShrinkQuestion("600 × 400 px", plan, false);
        assertThat(q).contains("fine detail will be lost (native-resolution detail is off)").endsWith("Repaint anyway?");
    }
}
