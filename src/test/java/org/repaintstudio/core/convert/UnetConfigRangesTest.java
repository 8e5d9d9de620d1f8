package org.repaintstudio.core.convert;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.repaintstudio.core.UserFacingException;

/** Valid JSON with absurd numbers: every field's range and the total size are checked before building. */
@Timeout(10)
class UnetConfigRangesTest {
    private static ObjectNode tiny() throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(Golden.unet("tiny").resolve("config.json").toFile());
    }

    private static void refused(ObjectNode cfg, String expected) {
        assertThatThrownBy(() -> UnetConfig.parse(cfg)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void theTinyGoldenConfigPasses() throws IOException {
        assertThatCode(() -> UnetConfig.parse(tiny())).doesNotThrowAnyException();
    }

    @Test
    void sampleSizeOfABillionIsRefused() throws IOException {
        refused((ObjectNode) tiny().put("sample_size", 1_000_000_000),
                "sample_size = 1000000000 is not supported: each value must be between 1 and 2048");
        ObjectNode rect = tiny();
        rect.putArray("sample_size").add(32).add(-32);
        refused(rect, "sample_size");
    }

    @Test
    void hugeBlockOutChannelsAreRefusedWithoutBuildingTheGraph() throws IOException {
        ObjectNode huge = tiny();
        huge.putArray("block_out_channels").add(1_000_000_000).add(1_000_000_000);
        refused(huge, "block_out_channels = [1000000000, 1000000000] is not supported: each value must be between 1 and 8192");
        ObjectNode big = tiny();
        big.putArray("block_out_channels").add(8192).add(8192);
        big.put("norm_num_groups", 32);
        refused(big, "MB of weights); the converter writes at most");
    }

    @Test
    void attentionNormGroupsOfZeroOrMinusOneAreSentencesNotArithmeticErrors() throws IOException {
        refused((ObjectNode) tiny().put("attn_norm_num_groups", 0),
                "attn_norm_num_groups = 0 is not supported: must be at least 1 or null");
        refused((ObjectNode) tiny().put("attn_norm_num_groups", -1),
                "attn_norm_num_groups = -1 is not supported: must be at least 1 or null");
        refused((ObjectNode) tiny().put("norm_num_groups", 0), "norm_num_groups = 0");
        refused((ObjectNode) tiny().put("norm_num_groups", -8), "norm_num_groups = -8");
    }

    @Test
    void everyOtherNumericFieldHasARange() throws IOException {
        refused((ObjectNode) tiny().put("layers_per_block", 100000), "layers_per_block = 100000");
        refused((ObjectNode) tiny().put("layers_per_block", 0), "layers_per_block = 0");
        refused((ObjectNode) tiny().put("attention_head_dim", 0), "attention_head_dim = 0");
        refused((ObjectNode) tiny().put("attention_head_dim", 7), "attention_head_dim = 7");
        refused((ObjectNode) tiny().put("in_channels", 4), "in_channels = 4");
        refused((ObjectNode) tiny().put("out_channels", 100000), "out_channels = 100000");
        refused((ObjectNode) tiny().put("norm_eps", 0), "norm_eps");
        refused((ObjectNode) tiny().put("norm_eps", -1e-5), "norm_eps");
        refused((ObjectNode) tiny().put("freq_shift", -1), "freq_shift");
        refused((ObjectNode) tiny().put("mid_block_scale_factor", 0), "mid_block_scale_factor");
        refused((ObjectNode) tiny().put("downsample_padding", 5), "downsample_padding");
        refused((ObjectNode) tiny().put("layers_per_block", 3.5), "expected an integer");
        refused((ObjectNode) tiny().put("sample_size", 1e30), "sample_size");
        ObjectNode levels = tiny();
        var ch = levels.putArray("block_out_channels");
        var down = levels.putArray("down_block_types");
        var up = levels.putArray("up_block_types");
        for (int i = 0; i < 12; i++) {
            ch.add(32);
            down.add("DownBlock2D");
            up.add("UpBlock2D");
        }
        refused(levels, "at most 8 levels");
    }

    @Test
    void attentionAtFullResolutionThatCannotRunIsRefused() throws IOException {
        ObjectNode cfg = tiny();
        cfg.put("sample_size", 2048);
        cfg.putArray("down_block_types").add("AttnDownBlock2D").add("AttnDownBlock2D");
        refused(cfg, "puts attention on 2048×2048 pixels");
    }
}
