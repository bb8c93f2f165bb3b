package io.sedstream.streams.deadletter;

import io.sedstream.schemas.DeadLetterReason;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output that cannot be written is replaced by a dead letter of its input. A dead letter that itself
 * cannot be written stops the application: nothing is dropped silently. Under exactly-once a failed
 * send leaves the transaction unusable, so Kafka Streams then stops (and reprocesses on restart); that
 * is why oversized summaries are caught before the send ({@code OutputTooLargeException}).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return route(context, record, exception, "send to '" + record.topic() + "' failed");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return route(context, record, exception, "serializing the " + origin.name().toLowerCase() + " for '" + record.topic() + "' failed");
    }

    private Response route(ErrorHandlerContext context, ProducerRecord<?, ?> record, Exception exception, String what) {
        if (router.topic().equals(record.topic())) {
            LOG.error("cannot write a dead letter to '{}'; stopping so that the input is not lost", record.topic(), exception);
            return Response.fail();
        }
        var input = new DeadLetterRouter.Input(context.sourceRawKey(), context.sourceRawValue(), context.topic(),
                context.partition(), context.offset(), context.timestamp());
        return Response.resume(List.of(router.producerRecord(input, DeadLetterReason.PRODUCTION_FAILED, "produce",
                what + ": " + exception.getMessage(), exception)));
    }
}
