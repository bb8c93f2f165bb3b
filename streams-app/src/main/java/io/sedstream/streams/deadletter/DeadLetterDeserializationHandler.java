package io.sedstream.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Input bytes that do not decode (not Avro, unknown or wrong schema, corrupt body) become dead letters; the app goes on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        router.metrics().recordIn();
        var input = new DeadLetterRouter.Input(record.key(), record.value(), record.topic(), record.partition(), record.offset(),
                record.timestamp());
        return Response.resume(List.of(router.producerRecord(input, DeadLetterRouter.reasonOf(exception), "deserialize",
                exception.getMessage() == null ? exception.toString() : exception.getMessage(), exception)));
    }
}
