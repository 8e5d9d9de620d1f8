package org.repaintstudio.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.repaintstudio.core.Golden;

/** Every golden case (diffusers schedules, betas, step, undo, UNet, pipeline; original schedules). */
class ConformanceSuiteTest {
    private static ConformanceSuite suite;

    @BeforeAll
    static void open() {
        suite = new ConformanceSuite(Golden.root(), 2);
    }

    @AfterAll
    static void close() {
        suite.close();
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenCasePasses() {
        return suite.cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            ConformanceSuite.CaseResult r = c.run();
            assertThat(r.passed()).as(r.id() + ": " + r.detail()).isTrue();
        }));
    }

    @Test
    void discoversEveryKindOfCase() {
        List<String> ids = suite.cases().stream().map(ConformanceSuite.Case::id).toList();
        assertThat(ids).filteredOn(i -> i.startsWith("scheduler/timesteps_grid/")).hasSize(60);
        assertThat(ids).filteredOn(i -> i.startsWith("scheduler/betas/")).hasSize(6);
        assertThat(ids).filteredOn(i -> i.startsWith("scheduler/step/")).hasSize(26);
        assertThat(ids).filteredOn(i -> i.startsWith("scheduler/undo/")).hasSize(7);
        assertThat(ids).filteredOn(i -> i.startsWith("unet/")).hasSize(3);
        assertThat(ids).filteredOn(i -> i.startsWith("pipeline/")).hasSize(1);
        assertThat(ids).filteredOn(i -> i.startsWith("repaint_original/")).hasSize(9);
    }
}
