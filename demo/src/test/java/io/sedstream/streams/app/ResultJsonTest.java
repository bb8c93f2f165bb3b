package io.sedstream.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.streams.comparison.ComparisonTally;
import io.sedstream.streams.json.JsonLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's and bench's last line: the same keys in the same order, the figures rounded as before, strings escaped. */
class ResultJsonTest {

    @Test
    void theSummaryLineParsesToTheRunsFigures() {
        ObjectNode cpu = JsonLine.object();
        cpu.put("total", 304.04);
        ObjectNode extra = JsonLine.object();
        new ComparisonTally().jsonFields(extra);
        EmbeddedPipeline.Result r = new EmbeddedPipeline.Result(100, 95, 5, 0, 12.3456, 6399.96, 3.14159, 20.05, 311.6, 120.4,
                "default/1.2.0 \"served\"", false, true, cpu, 80, 2, 64, extra);
        JsonNode j = JsonLine.readAvroText(r.json());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("records_in", "posteriors_out", "dead_letters", "throughput_per_s", "latency_ms_p50", "latency_ms_p99",
                "model_comparisons", "preferred_model1_fraction", "duplicate_comparisons", "comparisons_refused_by_model2",
                "comparisons_refused_by_evidence", "comparison", "comparison_fixture", "duplicate_outputs", "seconds", "measured_records",
                "cpu_us_per_record", "stream_threads", "batch_size", "heap_used_max_mb", "heap_after_gc_max_mb", "model", "fixture",
                "complete"), keys);
        assertEquals(JsonLine.readAvroText("{\"records_in\": 100, \"posteriors_out\": 95, \"dead_letters\": 5, \"throughput_per_s\": 6400.0,"
                + " \"latency_ms_p50\": 3.1, \"latency_ms_p99\": 20.1, \"model_comparisons\": 0, \"preferred_model1_fraction\": null,"
                + " \"duplicate_comparisons\": 0, \"comparisons_refused_by_model2\": 0, \"comparisons_refused_by_evidence\": 0,"
                + " \"comparison\": \"\", \"comparison_fixture\": false, \"duplicate_outputs\": 0, \"seconds\": 12.35, \"measured_records\": 80,"
                + " \"cpu_us_per_record\": {\"total\": 304.04}, \"stream_threads\": 2, \"batch_size\": 64, \"heap_used_max_mb\": 312,"
                + " \"heap_after_gc_max_mb\": 120, \"model\": \"default/1.2.0 \\\"served\\\"\", \"fixture\": false, \"complete\": true}"), j);
    }
}
